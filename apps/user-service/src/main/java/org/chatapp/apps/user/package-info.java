/**
 * The user service: profiles in its own table behind the library's caches, a search over user and
 * display names, and presence (online, last seen) read from the heartbeats the gateways write on
 * the shared client.
 *
 * <p>Profiles are cache-aside with one load per key across every instance, TTLs of 5 minutes spread
 * by plus or minus 10 %, unknown ids cached as absent for 30 s, and the entry evicted in Redis
 * before an update answers, so the next read on any instance loads the new profile. Search results
 * are cached 10 s by normalized term under a generation that every new profile and name change
 * increments. Both fail open: when Redis fails, reads go to the database. The settings are under
 * {@code chatapp.redis.cache.caches.*} in {@code user-service.properties}; their meters are
 * {@code chatapp.redis.cache.*}, tagged {@code cache}.
 */
package org.chatapp.apps.user;
