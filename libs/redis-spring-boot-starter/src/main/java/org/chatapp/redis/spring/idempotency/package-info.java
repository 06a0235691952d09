/**
 * Auto-configuration of idempotency keys ({@code org.chatapp.redis.idempotency}) under
 * {@code chatapp.redis.idempotency.*}. It keeps the library's guarantee: an operation runs at most
 * once per key within its TTL, provided it returns within the lease and Redis keeps the key; a
 * claim whose reply was lost fails before the operation runs. On a failover calls fail until a
 * replica is promoted, and a claim or result the old master had not replicated is lost, so a retry
 * afterwards may run the operation again: make the operation idempotent in its own store where that
 * must never happen.
 */
package org.chatapp.redis.spring.idempotency;
