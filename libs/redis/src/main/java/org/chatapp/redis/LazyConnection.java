package org.chatapp.redis;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.RedisCodec;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection opened on first use and, while the first open fails, tried again no sooner than the
 * reconnect policy allows. Once open, Lettuce itself reconnects it after any outage; this covers
 * only the start, so a service created while Redis is down starts working when Redis comes up.
 */
final class LazyConnection<K, V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LazyConnection.class);

    private final LettuceClient client;
    private final RedisCodec<K, V> codec;
    private final LongSupplier nanoClock;
    private volatile StatefulConnection<K, V> connection;
    private volatile RedisClusterAsyncCommands<K, V> commands;
    private boolean closed;
    private long failedAttempts;
    private long nextAttemptNanos;
    private RedisConnectionFailureException lastFailure;

    LazyConnection(LettuceClient client, RedisCodec<K, V> codec, LongSupplier nanoClock) {
        this.client = client;
        this.codec = codec;
        this.nanoClock = nanoClock;
    }

    /** Returns the async commands of the open connection, opening it first if need be. */
    RedisClusterAsyncCommands<K, V> commands() {
        RedisClusterAsyncCommands<K, V> open = commands;
        return open != null ? open : open().commands;
    }

    /** Returns the open connection, opening it first if need be. */
    StatefulConnection<K, V> connection() {
        StatefulConnection<K, V> open = connection;
        return open != null ? open : open().connection;
    }

    /** Tries to open the connection now, logging instead of throwing; returns whether it is open. */
    boolean tryOpen() {
        try {
            open();
            return true;
        } catch (RedisConnectionFailureException e) {
            return false;
        }
    }

    private synchronized LazyConnection<K, V> open() {
        if (connection != null) {
            return this;
        }
        if (closed) {
            throw new IllegalStateException("the Redis service is closed");
        }
        long now = nanoClock.getAsLong();
        if (lastFailure != null && now - nextAttemptNanos < 0) {
            throw lastFailure;
        }
        try {
            StatefulConnection<K, V> opened = client.connect(codec);
            commands = asyncCommands(opened);
            connection = opened;
            if (failedAttempts > 0) {
                log.info("Connected to Redis {} after {} failed attempts", client.mode().label(), failedAttempts);
            }
            failedAttempts = 0;
            lastFailure = null;
            return this;
        } catch (RedisConnectionFailureException e) {
            failedAttempts++;
            Duration wait = client.options().reconnectPolicy().delay(failedAttempts);
            nextAttemptNanos = now + wait.toNanos();
            lastFailure = e;
            if (failedAttempts == 1) {
                // One line for the outage, not one per attempt.
                log.warn("Redis is not reachable yet ({}); retrying on use", e.getMessage());
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    static <K, V> RedisClusterAsyncCommands<K, V> asyncCommands(StatefulConnection<K, V> connection) {
        if (connection instanceof StatefulRedisClusterConnection<?, ?> cluster) {
            return (RedisClusterAsyncCommands<K, V>) cluster.async();
        }
        return ((StatefulRedisConnection<K, V>) connection).async();
    }

    boolean isOpen() {
        StatefulConnection<K, V> open = connection;
        return open != null && open.isOpen();
    }

    @Override
    public synchronized void close() {
        closed = true;
        StatefulConnection<K, V> open = connection;
        if (open != null) {
            open.close();
        }
    }
}
