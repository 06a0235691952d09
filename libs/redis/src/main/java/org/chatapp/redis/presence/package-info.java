/**
 * Presence on {@link org.chatapp.redis.RedisService}: {@link org.chatapp.redis.presence.Presence}
 * keeps a heartbeat per connection (a user is online while any of their devices is), last-seen
 * times, batch online queries (one read per user, sent at once), and typing indicators with a
 * short TTL announced to a {@link org.chatapp.redis.presence.TypingListener}. <b>Delivery</b>:
 * every write is one Lua script on one key, atomic there and sent at most once; a lost reply fails
 * with {@link org.chatapp.redis.RedisOutcomeUnknownException}, and every write is safe to repeat (a
 * heartbeat or a disconnect sent twice changes nothing more), though its "came online" or "went
 * offline" answer is then lost, and so is a typing announcement, which receivers time out by
 * themselves. Presence is soft state: expiry is decided by the service's clock, a user whose last
 * device vanished without a disconnect shows offline once its heartbeat lapses, with no
 * announcement. <b>Failover</b>: while a master is down, calls for its users fail with
 * {@link org.chatapp.redis.RedisServiceException}s and work again once a replica is promoted; the
 * writes it had not yet replicated are lost, so users may look offline and last-seen times older
 * until their next heartbeat (within the connection TTL) restores them.
 */
package org.chatapp.redis.presence;
