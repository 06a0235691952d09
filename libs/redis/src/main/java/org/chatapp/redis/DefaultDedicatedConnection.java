package org.chatapp.redis;

import io.lettuce.core.Consumer;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.chatapp.redis.StreamOperations.StreamEntry;

/**
 * A {@link DedicatedConnection} on a {@link LazyConnection} of its own, run through a {@link
 * CommandRunner} like the service's (same translation of failures, same bound on commands held
 * while disconnected). Locking rule: {@link #turn} is held for the whole of one public call, so
 * commands never queue behind one another's block time.
 */
final class DefaultDedicatedConnection implements DedicatedConnection {

    private static final long ONE_MILLI_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final LazyConnection<byte[], byte[]> connection;
    private final CommandRunner runner;
    private final KeyCodec keys;
    private final Duration maxBlock;
    private final LongSupplier nanoClock;
    private final java.util.function.Consumer<DedicatedConnection> onClose;
    private final ReentrantLock turn = new ReentrantLock(true);
    private volatile boolean closed;

    DefaultDedicatedConnection(LettuceClient client, KeyCodec keys, LongSupplier nanoClock,
            java.util.function.Consumer<DedicatedConnection> onClose) {
        RedisOptions options = client.options();
        this.connection = new LazyConnection<>(client, ByteArrayCodec.INSTANCE, nanoClock);
        // No spinning: a blocking read's reply is, by design, not about to arrive.
        this.runner = new CommandRunner(connection, keys, options.commandTimeout(), options.requestQueueSize(),
                new ReplySpin(Duration.ZERO, nanoClock), timeoutHandler(client, nanoClock));
        this.keys = keys;
        // Half the timeout leaves the other half for the round trip and the server's timer, so a
        // blocked read that ends empty is never mistaken for a dead node.
        this.maxBlock = options.commandTimeout().dividedBy(2);
        this.nanoClock = nanoClock;
        this.onClose = onClose;
    }

    /** A timeout here means a frozen node, as on the service's connection: look for the replica that took over. */
    private static Runnable timeoutHandler(LettuceClient client, LongSupplier nanoClock) {
        if (client.unwrap() instanceof RedisClusterClient cluster && client.options().clusterOptions().adaptiveRefresh()) {
            return new TopologyRefreshOnTimeout(cluster, client.options().clusterOptions().adaptiveRefreshTimeout(),
                    nanoClock)::commandTimedOut;
        }
        return () -> { };
    }

    @Override
    public List<StreamEntry> readGroup(String key, String group, String consumer, String id, int count, Duration block) {
        byte[] raw = keys.encode(key);
        Consumer<byte[]> reader = Consumer.from(Values.encode(DefaultStreamOperations.requireName("group", group)),
                Values.encode(DefaultStreamOperations.requireName("consumer", consumer)));
        String from = DefaultStreamOperations.requireId("id", id);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        requireBlock("block", block, Duration.ZERO);
        XReadArgs.StreamOffset<byte[]> offset = ">".equals(from)
                ? XReadArgs.StreamOffset.lastConsumed(raw)
                : XReadArgs.StreamOffset.from(raw, from);
        // The server ignores BLOCK for a consumer's own history, which it answers at once.
        Duration wait = ">".equals(from) ? block : Duration.ZERO;
        List<StreamMessage<byte[], byte[]>> messages = blockingCall("XREADGROUP", key, wait, List.of(),
                each -> c -> c.xreadgroup(reader, readArgs(count, each), offset), List::isEmpty);
        return DefaultStreamOperations.decode(messages);
    }

    private static XReadArgs readArgs(int count, Duration block) {
        XReadArgs args = XReadArgs.Builder.count(count);
        // BLOCK 0 would mean "forever" to the server; a zero wait sends no BLOCK at all.
        return block.isZero() ? args : args.block(block);
    }

    @Override
    public Optional<String> popFirst(String key, Duration timeout) {
        return pop("BLPOP", key, timeout, (raw, each) -> c -> c.blpop(seconds(each), raw));
    }

    @Override
    public Optional<String> popLast(String key, Duration timeout) {
        return pop("BRPOP", key, timeout, (raw, each) -> c -> c.brpop(seconds(each), raw));
    }

    private Optional<String> pop(String operation, String key, Duration timeout,
            BiFunction<byte[], Duration,
                    Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<KeyValue<byte[], byte[]>>>> command) {
        byte[] raw = keys.encode(key);
        requireBlock("timeout", timeout, Duration.ofMillis(1));
        KeyValue<byte[], byte[]> popped = blockingCall(operation, key, timeout, null, each -> command.apply(raw, each),
                value -> value == null || !value.hasValue());
        return popped == null || !popped.hasValue() ? Optional.empty() : Optional.of(Values.decode(popped.getValue()));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /**
     * Runs a blocking command until it returns something or {@code wait} has passed, each command
     * blocking at most {@link #maxBlock}; one call at a time per connection.
     */
    private <T> T blockingCall(String operation, String key, Duration wait, T none,
            Function<Duration, Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>>> command,
            Predicate<T> empty) {
        EventLoopGuard.requireBlockingAllowed(operation, key);
        requireOpen();
        try {
            turn.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisServiceException(operation, key, "interrupted while waiting for the connection", e);
        }
        try {
            long deadline = nanoClock.getAsLong() + saturatedNanos(wait);
            while (true) {
                requireOpen();
                long remaining = deadline - nanoClock.getAsLong();
                // Whole milliseconds, at least one: the server counts in them, and reads a zero as "forever".
                Duration each = wait.isZero() ? Duration.ZERO
                        : Duration.ofMillis(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(remaining, maxBlock.toNanos()))));
                T reply = runner.sync(operation, key, command.apply(each));
                if (!empty.test(reply)) {
                    return reply;
                }
                if (deadline - nanoClock.getAsLong() < ONE_MILLI_NANOS) {
                    return none;
                }
            }
        } finally {
            turn.unlock();
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 4;
        }
    }

    private static void requireBlock(String name, Duration value, Duration least) {
        if (value == null || value.compareTo(least) < 0) {
            throw new IllegalArgumentException(name + " must be at least " + (least.isZero() ? "zero" : least.toMillis() + " ms")
                    + ", was " + value);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the dedicated connection is closed");
        }
    }

    @Override
    public Duration maxBlockPerCommand() {
        return maxBlock;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } finally {
            onClose.accept(this);
        }
    }

    @Override
    public String toString() {
        return "DedicatedConnection[keyPrefix='" + keys.prefix() + "', " + (closed ? "closed" : "open") + "]";
    }
}
