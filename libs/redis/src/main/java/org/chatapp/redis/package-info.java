/**
 * The Redis library for chat services: {@link org.chatapp.redis.RedisOptions} describe the
 * topology (single node, cluster or sentinel), credentials, TLS, timeouts and key prefix;
 * {@link org.chatapp.redis.RedisClientProvider} builds the Lettuce client for them; and
 * {@link org.chatapp.redis.RedisService} offers the operations, with the prefix applied to every key
 * and multi-key operations that work across cluster slots. Everything else is package-private.
 */
package org.chatapp.redis;
