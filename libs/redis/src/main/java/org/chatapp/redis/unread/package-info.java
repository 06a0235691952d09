/**
 * Unread message counters on {@link org.chatapp.redis.RedisService}:
 * {@link org.chatapp.redis.unread.UnreadCounters} raises the counts of a new message's recipients,
 * lowers or clears them as users read (never below zero, atomically by script), and reads all of a
 * user's counts in one call. A package of its own, apart from idempotency, because the two share
 * nothing but Redis: different keys, guarantees and callers. <b>Delivery</b>: each user's change is
 * atomic; an increment sends each recipient's change on its own, all at once, and is not atomic
 * across recipients in several cluster slots
 * ({@link org.chatapp.redis.unread.UnreadPartialIncrementException} says who was counted). Writes
 * are sent at most once; an increment whose reply was lost fails with
 * {@link org.chatapp.redis.RedisOutcomeUnknownException} and, retried, may count one message twice
 * (guard it with the idempotency package, keyed by message id, where exact counts matter); decrement
 * and mark-read are safe to retry. <b>Failover</b>: while a master is down, calls for its users fail
 * with {@link org.chatapp.redis.RedisServiceException}s and work again once a replica is promoted;
 * changes the dead master had not yet replicated are lost, so a count may be a few messages low, or
 * a read conversation show unread again, until the user next reads it.
 */
package org.chatapp.redis.unread;
