/**
 * Auto-configuration of presence ({@code org.chatapp.redis.presence}) under
 * {@code chatapp.redis.presence.*}, with the application's typing listeners. Presence keeps the
 * library's guarantee: every write is one script on one key, sent at most once and safe to repeat,
 * though a repeated write loses its came-online or went-offline answer. On a failover calls for that
 * master's users fail until a replica is promoted, and writes it had not replicated are lost, so
 * users may look offline until their next heartbeat, within the connection TTL.
 */
package org.chatapp.redis.spring.presence;
