/**
 * Idempotency keys on {@link org.chatapp.redis.RedisService}:
 * {@link org.chatapp.redis.idempotency.Idempotency} runs an operation once per key and hands its
 * first result to every later caller for a TTL; a caller arriving while it runs is told
 * {@code IN_PROGRESS} at once. <b>Delivery</b>: at most once per key within the TTL, provided the
 * operation returns within the lease (a slower one, or a caller that died, frees the key after the
 * lease) and Redis keeps the key. A claim whose reply is lost fails with
 * {@link org.chatapp.redis.RedisOutcomeUnknownException} before the operation runs; retrying then
 * answers {@code IN_PROGRESS} until the lease ends, never a second run. A failed operation is not
 * remembered: the key is freed for a retry. <b>Failover</b>: while a master is down, calls for its
 * keys fail with {@link org.chatapp.redis.RedisServiceException}s before the operation runs, and
 * work again once a replica is promoted. Redis replicates asynchronously, so a claim or result the
 * dead master acknowledged but had not yet passed on is lost, and a retry after the failover may run
 * the operation a second time; where that must never happen, make the operation itself idempotent
 * in its own store (a unique constraint on the key).
 */
package org.chatapp.redis.idempotency;
