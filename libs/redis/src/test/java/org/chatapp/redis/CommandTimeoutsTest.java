package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Single commands keep a timer each; a batch's commands have their chunk's one deadline instead. */
class CommandTimeoutsTest {

    private final CommandTimeouts timeouts = new CommandTimeouts(Duration.ofSeconds(2));

    @Test
    void getTimeout_singleCommand_isTheCommandTimeout() {
        Command<byte[], byte[], String> ping = new Command<>(CommandType.PING, new StatusOutput<>(ByteArrayCodec.INSTANCE));

        assertThat(timeouts.getTimeout(new AsyncCommand<>(ping))).isEqualTo(Duration.ofSeconds(2).toNanos());
        assertThat(timeouts.getTimeUnit()).isEqualTo(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    @Test
    void getTimeout_batchCommand_isNoneEvenWhenWrapped() {
        DefaultRedisBatch batch = new DefaultRedisBatch(new KeyCodec("p:"), false, null, null, () -> null);
        BatchCommand<?, ?> queued = (BatchCommand<?, ?>) batch.incr("counter");

        assertThat(timeouts.getTimeout(queued.sent())).isZero();
        assertThat(timeouts.getTimeout(new AsyncCommand<>(queued.sent()))).as("wrapped, as a cluster redirect wraps it").isZero();
        assertThat(timeouts.getTimeout(queued.copy())).as("sent again after a redirect").isZero();
    }
}
