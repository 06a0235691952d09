package org.chatapp.redis;

import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.DecoratedCommand;
import io.lettuce.core.protocol.RedisCommand;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The command timeout for every command Lettuce sends, with one timer each, except the commands of
 * a batch: their chunk has one deadline for all of them ({@link BatchChunk}), so they pay no timer.
 */
final class CommandTimeouts extends TimeoutOptions.TimeoutSource {

    private final long timeoutNanos;

    CommandTimeouts(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    static TimeoutOptions options(Duration timeout) {
        return TimeoutOptions.builder().timeoutSource(new CommandTimeouts(timeout)).build();
    }

    @Override
    public long getTimeout(RedisCommand<?, ?, ?> command) {
        RedisCommand<?, ?, ?> actual = command;
        while (actual instanceof DecoratedCommand<?, ?, ?> decorated) {
            actual = decorated.getDelegate();
        }
        return actual instanceof BatchCommand<?, ?>.Sent ? 0 : timeoutNanos;
    }

    @Override
    public TimeUnit getTimeUnit() {
        return TimeUnit.NANOSECONDS;
    }
}
