/**
 * The user service: profiles in its own table behind a Redis cache-aside (TTL 300 s with jitter,
 * unknown ids cached as absent for 30 s, the entry deleted on every update, so the next read on any
 * instance loads the new profile), a search over user and display names, and presence (online, last
 * seen) read from the heartbeats the gateways write on the shared client.
 *
 * <p>The cache fails open: when Redis fails, reads go to the database. It is the simple cache-aside
 * of phase 1; {@code org.chatapp.redis.cache} (single flight, XFetch, tags) is to replace it.
 */
package org.chatapp.apps.user;
