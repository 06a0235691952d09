/**
 * The Redis library for chat services: {@link org.chatapp.redis.RedisOptions} describe the
 * topology (single node, cluster or sentinel), credentials, TLS, timeouts and key prefix;
 * {@link org.chatapp.redis.RedisClientProvider} builds the Lettuce client for them; and
 * {@link org.chatapp.redis.RedisService} offers the operations, with the prefix applied to every key
 * and multi-key operations that work across cluster slots. Writes are sent at most once (one
 * whose reply a lost connection cut off fails with {@link org.chatapp.redis.RedisOutcomeUnknownException},
 * never replayed); reads are repeated after a reconnect; the exception types say whether a retry is
 * safe (see {@link org.chatapp.redis.RedisService}). Everything else is package-private.
 */
package org.chatapp.redis;
