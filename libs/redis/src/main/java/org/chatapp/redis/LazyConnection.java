package org.chatapp.redis;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.RedisCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection opened without blocking on first use and, while opening fails, opened again in the
 * background as the reconnect policy allows. Once open, Lettuce itself reconnects it after any
 * outage; this covers the start, so a service created while Redis is down starts working when
 * Redis comes up. While no connection is open, calls fail at once rather than queue.
 */
final class LazyConnection<K, V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LazyConnection.class);

    private final LettuceClient client;
    private final RedisCodec<K, V> codec;
    private final LongSupplier nanoClock;
    private volatile StatefulConnection<K, V> connection;
    private volatile RedisClusterAsyncCommands<K, V> commands;
    private volatile boolean closed;

    // Guarded by this.
    private CompletableFuture<StatefulConnection<K, V>> pending;
    private ScheduledFuture<?> retry;
    private long failedAttempts;
    private long nextAttemptNanos;
    private Throwable lastFailure;

    LazyConnection(LettuceClient client, RedisCodec<K, V> codec, LongSupplier nanoClock) {
        this.client = client;
        this.codec = codec;
        this.nanoClock = nanoClock;
    }

    /** Returns whether the connection is open and not waiting for a reconnect. */
    boolean isConnected() {
        StatefulConnection<K, V> open = connection;
        return open != null && open.isOpen();
    }

    /** Returns the commands of the open connection, or null when none is open yet. */
    RedisClusterAsyncCommands<K, V> ready() {
        if (closed) {
            throw new IllegalStateException("the Redis service is closed");
        }
        return commands;
    }

    /**
     * Returns the commands once the connection is open: at once when it is, after the pending or
     * a new attempt otherwise, or failed at once while the reconnect policy says to wait.
     */
    CompletableFuture<RedisClusterAsyncCommands<K, V>> commandsAsync(String operation, String key) {
        RedisClusterAsyncCommands<K, V> open = ready();
        if (open != null) {
            return CompletableFuture.completedFuture(open);
        }
        CompletableFuture<StatefulConnection<K, V>> attempt;
        synchronized (this) {
            if (commands != null) {
                return CompletableFuture.completedFuture(commands);
            }
            if (pending != null) {
                attempt = pending;
            } else {
                long wait = nextAttemptNanos - nanoClock.getAsLong();
                if (lastFailure != null && wait > 0) {
                    return CompletableFuture.failedFuture(new RedisConnectionFailureException(operation, key,
                            "not connected to Redis " + client.mode().label() + " (" + lastFailure.getMessage()
                                    + "); next attempt in " + Duration.ofNanos(wait).toMillis() + " ms", lastFailure));
                }
                attempt = startConnecting();
            }
        }
        return attempt.thenApply(opened -> commands);
    }

    /** Returns the connection once open, like {@link #commandsAsync}. */
    CompletableFuture<StatefulConnection<K, V>> connectionAsync(String operation, String key) {
        StatefulConnection<K, V> open = connection;
        if (open != null && commands != null) {
            ready();
            return CompletableFuture.completedFuture(open);
        }
        return commandsAsync(operation, key).thenApply(opened -> connection);
    }

    /** Returns the open connection, waiting up to {@code timeout} for the first one. */
    StatefulConnection<K, V> connection(Duration timeout) {
        StatefulConnection<K, V> open = connection;
        if (open != null) {
            return open;
        }
        try {
            commandsAsync("CONNECT", null).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return connection;
        } catch (java.util.concurrent.ExecutionException e) {
            throw CommandRunner.translate("CONNECT", null, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RedisConnectionFailureException("CONNECT", null, "not connected within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisServiceException("CONNECT", null, "interrupted", e);
        }
    }

    /** Starts an attempt; the returned future completes after the outcome is recorded. */
    private CompletableFuture<StatefulConnection<K, V>> startConnecting() {
        if (retry != null) {
            // A caller got here first; the scheduled retry would start a second chain of attempts.
            retry.cancel(false);
            retry = null;
        }
        CompletableFuture<StatefulConnection<K, V>> attempt = new CompletableFuture<>();
        pending = attempt;
        CompletableFuture<StatefulConnection<K, V>> connecting;
        try {
            connecting = client.connectAsync(codec);
        } catch (RuntimeException e) {
            connecting = CompletableFuture.failedFuture(e);
        }
        connecting.whenComplete((opened, error) -> {
            Throwable outcome = error;
            try {
                outcome = attemptDone(opened, error);
            } catch (RuntimeException e) {
                outcome = e;
            } finally {
                // Whatever happened, callers waiting on this attempt get an answer.
                if (outcome == null) {
                    attempt.complete(opened);
                } else {
                    attempt.completeExceptionally(outcome);
                }
            }
        });
        return attempt;
    }

    /** Records an attempt's outcome; returns the error to hand to its callers, or null when it opened. */
    private synchronized Throwable attemptDone(StatefulConnection<K, V> opened, Throwable error) {
        pending = null;
        if (error == null) {
            if (closed) {
                opened.closeAsync();
                return new IllegalStateException("the Redis service is closed");
            }
            connection = opened;
            commands = asyncCommands(opened);
            if (failedAttempts > 0) {
                log.info("Connected to Redis {} after {} failed attempts", client.mode().label(), failedAttempts);
            }
            failedAttempts = 0;
            lastFailure = null;
            return null;
        }
        failedAttempts++;
        lastFailure = error.getCause() != null && error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
        Duration wait = client.options().reconnectPolicy().delay(failedAttempts);
        nextAttemptNanos = nanoClock.getAsLong() + wait.toNanos();
        if (failedAttempts == 1) {
            // One line for the outage, not one per attempt.
            log.warn("Redis is not reachable yet ({}); retrying in the background", lastFailure.getMessage());
        }
        if (!closed) {
            try {
                retry = client.unwrap().getResources().eventExecutorGroup()
                        .schedule(this::retryInBackground, wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RuntimeException rejected) {
                // The client is shutting down; nothing to retry for.
            }
        }
        return error;
    }

    private synchronized void retryInBackground() {
        if (!closed && commands == null && pending == null) {
            startConnecting();
        }
    }

    @SuppressWarnings("unchecked")
    static <K, V> RedisClusterAsyncCommands<K, V> asyncCommands(StatefulConnection<K, V> connection) {
        if (connection instanceof StatefulRedisClusterConnection<?, ?> cluster) {
            return (RedisClusterAsyncCommands<K, V>) cluster.async();
        }
        return ((StatefulRedisConnection<K, V>) connection).async();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (retry != null) {
            retry.cancel(false);
        }
        StatefulConnection<K, V> open = connection;
        if (open != null) {
            // Closed here rather than left to the client's shutdown, so that shutdown does not find it
            // half-closed and warn; closing the local end of a channel does not wait for the server.
            open.close();
        }
    }
}
