package org.chatapp.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.util.concurrent.CompletableFuture;

/**
 * A Lettuce client configured for one topology, with the threads and timers it owns.
 * Created by {@link RedisClientProvider#createRedisClient(RedisOptions)}; closing it closes every
 * connection it opened and stops its threads.
 */
public interface LettuceClient extends AutoCloseable {

    /** Returns the topology this client talks to. */
    RedisMode mode();

    /** Returns the options the client was built from. */
    RedisOptions options();

    /**
     * Returns the underlying Lettuce client: a {@link io.lettuce.core.cluster.RedisClusterClient} in
     * cluster mode, otherwise a {@link io.lettuce.core.RedisClient}.
     */
    AbstractRedisClient unwrap();

    /**
     * Opens a connection with the configured read-from and client name: a
     * {@link io.lettuce.core.cluster.api.StatefulRedisClusterConnection} in cluster mode, otherwise a
     * {@link io.lettuce.core.api.StatefulRedisConnection} (to the current master in sentinel mode).
     *
     * @throws RedisConnectionFailureException when no node can be reached
     */
    <K, V> StatefulConnection<K, V> connect(RedisCodec<K, V> codec);

    /**
     * Opens a connection like {@link #connect(RedisCodec)} without blocking; the future fails with
     * {@link RedisConnectionFailureException} when no node can be reached.
     */
    <K, V> CompletableFuture<StatefulConnection<K, V>> connectAsync(RedisCodec<K, V> codec);

    /**
     * Opens a connection to the first sentinel that answers, without blocking; the future fails
     * with {@link RedisConnectionFailureException} when none can be reached.
     *
     * @throws IllegalStateException when this is not a sentinel client
     */
    CompletableFuture<StatefulRedisSentinelConnection<String, String>> connectSentinelAsync();

    /** Closes every connection of this client and stops its threads; calling it again does nothing. */
    @Override
    void close();
}
