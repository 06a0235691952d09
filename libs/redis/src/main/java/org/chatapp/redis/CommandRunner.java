package org.chatapp.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.PartitionException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs commands on the service's connection and turns their outcome into values or
 * {@link RedisServiceException}s that name the operation and the caller's key.
 */
final class CommandRunner {

    /** Server error codes that mean "not now": the command was not applied and may succeed later. */
    private static final Set<String> RETRYABLE_ERROR_CODES =
            Set.of("CLUSTERDOWN", "TRYAGAIN", "LOADING", "MASTERDOWN", "READONLY", "NOREPLICAS", "BUSY");

    /** Slack over the command timeout, which Lettuce enforces, before a blocked caller gives up itself. */
    private static final long AWAIT_SLACK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LazyConnection<byte[], byte[]> connection;
    private final KeyCodec keys;
    private final long awaitNanos;
    private final int requestQueueSize;
    private final ReplySpin spin;
    /**
     * Told of every timeout and every node that could not be reached, so a cluster client can look
     * for a master that took over (see TopologyRefreshOnTimeout).
     */
    private final Runnable timedOut;
    /**
     * Commands issued while the connection was down and not completed yet. Lettuce's own bound
     * is off (it would also cap commands in flight on a live connection); this one applies while
     * disconnected only.
     */
    private final AtomicInteger heldWhileDisconnected = new AtomicInteger();
    /** Blocking calls waiting for a reply; a lone one may spin for it. */
    private final AtomicInteger waiting = new AtomicInteger();

    CommandRunner(LazyConnection<byte[], byte[]> connection, KeyCodec keys, Duration commandTimeout, int requestQueueSize,
            ReplySpin spin, Runnable timedOut) {
        this.connection = connection;
        this.keys = keys;
        this.awaitNanos = saturatedNanos(commandTimeout) + AWAIT_SLACK_NANOS;
        this.requestQueueSize = requestQueueSize;
        this.spin = spin;
        this.timedOut = timedOut;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 2;
        }
    }

    KeyCodec keys() {
        return keys;
    }

    int requestQueueSize() {
        return requestQueueSize;
    }

    /**
     * Counts {@code count} commands of a batch as waiting for the reconnect, unless that would pass
     * {@code requestQueueSize}; each is released by {@link #releaseHeld()} when it has its outcome.
     */
    boolean holdWhileDisconnected(int count) {
        if (heldWhileDisconnected.addAndGet(count) > requestQueueSize) {
            heldWhileDisconnected.addAndGet(-count);
            return false;
        }
        return true;
    }

    void releaseHeld() {
        heldWhileDisconnected.decrementAndGet();
    }

    /** Tells the cluster client that a command timed out, so it may look for a master that took over. */
    void timedOut() {
        timedOut.run();
    }

    /**
     * Waits for work that completes on its own (such as a batch, whose chunks have deadlines), up to
     * {@code nanos}; returns whether it completed in time. It parks at once: a batch's replies take
     * the server's time for all its commands, longer than a spin would wait, and on a small machine
     * the core a spin takes is the one the event loop and the server need (measured: a batch of 128
     * GETs was no faster spinning, and cost more CPU).
     */
    boolean awaitCompletion(String operation, CompletableFuture<?> future, long nanos) {
        EventLoopGuard.requireBlockingAllowed(operation, null);
        try {
            future.get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw translate(operation, null, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisServiceException(operation, null, "interrupted", e);
        }
    }

    /** The longest a blocked caller waits for one reply: the command timeout and some slack. */
    long awaitNanos() {
        return awaitNanos;
    }

    /** Runs a command and waits for its reply. */
    <T> T sync(String operation, String key, Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
        EventLoopGuard.requireBlockingAllowed(operation, key);
        RedisClusterAsyncCommands<byte[], byte[]> commands = connection.ready();
        if (commands == null) {
            commands = awaitConnection(operation, key);
        }
        RedisFuture<T> future;
        try {
            future = issue(operation, key, commands, command);
        } catch (RedisServiceException | IllegalArgumentException | IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(operation, key, e);
        }
        boolean alone = waiting.incrementAndGet() == 1;
        try {
            spin.awaitBriefly(future, alone);
            return await(operation, key, future);
        } finally {
            waiting.decrementAndGet();
        }
    }

    private RedisClusterAsyncCommands<byte[], byte[]> awaitConnection(String operation, String key) {
        CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> opening = connection.commandsAsync(operation, key);
        try {
            return opening.get(awaitNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw translate(operation, key, e.getCause());
        } catch (TimeoutException e) {
            throw new RedisConnectionFailureException(operation, key, "not connected within " + Duration.ofNanos(awaitNanos), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisServiceException(operation, key, "interrupted", e);
        }
    }

    <T> T await(String operation, String key, Future<T> future) {
        try {
            return future.get(awaitNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw failure(operation, key, e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            timedOut.run();
            throw new RedisTimeoutException(operation, key, "no reply within " + Duration.ofNanos(awaitNanos), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new RedisServiceException(operation, key, "interrupted", e);
        } catch (CancellationException e) {
            // Lettuce cancels the commands it still holds unsent when the service closes.
            throw new RedisConnectionFailureException(operation, key, "cancelled before it was sent", e);
        }
    }

    /** Waits for work that {@link #async} calls make up, such as the per-slot parts of a write. */
    <T> T join(String operation, String key, CompletableFuture<T> future) {
        EventLoopGuard.requireBlockingAllowed(operation, key);
        return await(operation, key, future);
    }

    /** Runs a command without waiting, mapping its reply when it arrives. */
    <T, R> CompletionStage<R> async(String operation, String key,
            Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command, Function<T, R> mapper) {
        CompletableFuture<R> result = new CompletableFuture<>();
        CompletionStage<T> future;
        try {
            RedisClusterAsyncCommands<byte[], byte[]> commands = connection.ready();
            future = commands != null
                    ? issue(operation, key, commands, command)
                    : connection.commandsAsync(operation, key).thenCompose(opened -> issue(operation, key, opened, command));
        } catch (RuntimeException e) {
            result.completeExceptionally(e instanceof RedisServiceException || e instanceof IllegalArgumentException
                    || e instanceof IllegalStateException ? e : translate(operation, key, e));
            return result;
        }
        future.whenComplete((value, error) -> {
            if (error != null) {
                result.completeExceptionally(failure(operation, key, error));
                return;
            }
            try {
                result.complete(mapper.apply(value));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Sends a command, or holds it for the reconnect while fewer than {@code requestQueueSize} are held. */
    private <T> RedisFuture<T> issue(String operation, String key, RedisClusterAsyncCommands<byte[], byte[]> commands,
            Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
        if (connection.isConnected()) {
            return command.apply(commands);
        }
        if (heldWhileDisconnected.incrementAndGet() > requestQueueSize) {
            heldWhileDisconnected.decrementAndGet();
            throw new RedisRequestQueueFullException(operation, key, "not connected, and " + requestQueueSize
                    + " commands already wait for the reconnect (requestQueueSize)");
        }
        RedisFuture<T> future;
        try {
            future = command.apply(commands);
        } catch (RuntimeException e) {
            heldWhileDisconnected.decrementAndGet();
            throw e;
        }
        future.whenComplete((value, error) -> heldWhileDisconnected.decrementAndGet());
        return future;
    }

    private RedisServiceException failure(String operation, String key, Throwable error) {
        RedisServiceException failure = translate(operation, key, error);
        // A node that cannot be reached may be a dead master still in the slot map. Lettuce reloads
        // the map when an existing connection keeps failing to reconnect, but not when a new
        // connection to that node fails: a client that never spoke to the dead master kept sending
        // its slots there until the periodic refresh (22.5-23 s after the promotion, ChatFailoverIT).
        if (failure instanceof RedisTimeoutException || failure instanceof RedisConnectionFailureException) {
            timedOut.run();
        }
        return failure;
    }

    /**
     * Returns the exception a caller sees for a failed command, chosen by the failure's type and,
     * for server errors, the error code (the reply's first word), never by message text.
     */
    static RedisServiceException translate(String operation, String key, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RedisConnectionFailureException failure && failure.operation() == null) {
            return new RedisConnectionFailureException(operation, key, failure.getMessage(), failure.getCause());
        }
        if (cause instanceof RedisServiceException serviceException) {
            return serviceException;
        }
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof ReplayGuard.UnknownOutcome) {
            return new RedisOutcomeUnknownException(operation, key, message, cause);
        }
        if (cause instanceof RedisCommandTimeoutException) {
            return new RedisTimeoutException(operation, key, message, cause);
        }
        if (cause instanceof RedisCommandExecutionException) {
            String code = message.split(" ", 2)[0];
            return RETRYABLE_ERROR_CODES.contains(code)
                    ? new RedisUnavailableException(operation, key, code, message, cause)
                    : new RedisCommandException(operation, key, code, message, cause);
        }
        // A PartitionException: no reachable node serves the slot, as between a master's failure and
        // its replica's promotion. An I/O error reaches only a read, which is safe to repeat: the
        // replay guard marks the writes of a broken connection as of unknown outcome first. A bare
        // RedisException is Lettuce refusing to send: not connected with commands rejected, or closed.
        if (cause instanceof CancellationException) {
            // Lettuce cancels the commands it still holds unsent when the connection closes for good.
            return new RedisConnectionFailureException(operation, key, "cancelled before it was sent", cause);
        }
        if (cause instanceof RedisConnectionException || cause instanceof PartitionException || cause instanceof IOException
                || cause.getClass() == RedisException.class) {
            return new RedisConnectionFailureException(operation, key, message, cause);
        }
        return new RedisServiceException(operation, key, cause instanceof RedisException ? message : cause.toString(), cause);
    }
}
