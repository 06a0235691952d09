/**
 * Starts and stops real local {@code redis-server} processes for development and tests: a
 * standalone server, a cluster or a sentinel setup, each built by {@link
 * org.chatapp.redis.local.LocalRedis} and closed as one {@link java.lang.AutoCloseable}. The
 * binary comes from the {@code chatapp.redis.local.binary} system property, the {@code PATH} or,
 * as a fallback, the embedded-redis jar ({@link org.chatapp.redis.local.RedisServerBinary}).
 * Every node runs in its own temporary directory with its log in a file there (kept after the
 * setup is closed, and printed for a failed test by {@link org.chatapp.redis.local.RedisLogsOnFailure}),
 * is checked for readiness with {@code PING}, replicas also by acknowledging a write of their
 * master, can be killed, paused, resumed and restarted to test failures
 * ({@link org.chatapp.redis.local.LocalRedisNode}), and is killed when its setup is closed, when
 * the JVM exits, or on the next start after a JVM that died without cleaning up. Tests share one
 * instance of each setup per run through {@link org.chatapp.redis.local.LocalRedisExtension} and
 * isolate their data by {@link org.chatapp.redis.local.TestKeyPrefix}.
 */
package org.chatapp.redis.local;
