package org.chatapp.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One command of a {@link RedisBatch}, and the caller's {@link BatchResult} of it. What Lettuce
 * writes is its {@link Sent} command (a second one after a redirect or a NOSCRIPT). The outcome is
 * settled once, by whichever comes first: the reply, a failure Lettuce or the {@link ReplayGuard}
 * reports, or the chunk's deadline; later news is ignored. The reply is decoded on the caller's
 * thread when the result is read, not on the event loop.
 *
 * @param <T> the reply as Lettuce's output parses it
 * @param <R> the value the caller sees
 */
final class BatchCommand<T, R> implements BatchResult<R> {

    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<BatchCommand> SETTLED =
            AtomicIntegerFieldUpdater.newUpdater(BatchCommand.class, "settled");

    private final String operation;
    private final String key;
    /** The slot of the command's key on a cluster, else -1; routes the command. */
    private final int slot;
    private final Supplier<CommandOutput<byte[], byte[], T>> outputs;
    private final Function<T, R> decoder;
    /** The command in another form to send when the server does not know a script (EVAL for EVALSHA), or null. */
    private final Function<BatchCommand<T, R>, Sent> fallback;
    private final Sent sent;

    private BatchChunk chunk;
    private volatile int settled;
    private T reply;
    private RedisServiceException error;
    private boolean decoded;
    private R value;

    BatchCommand(String operation, String key, int slot, ProtocolKeyword type, Supplier<CommandOutput<byte[], byte[], T>> outputs,
            BatchArgs args, Function<T, R> decoder, Function<BatchCommand<T, R>, Sent> fallback) {
        this.operation = operation;
        this.key = key;
        this.slot = slot;
        this.outputs = outputs;
        this.decoder = decoder;
        this.fallback = fallback;
        this.sent = new Sent(type, args, false);
    }

    int slot() {
        return slot;
    }

    String operation() {
        return operation;
    }

    String key() {
        return key;
    }

    /** The command as Lettuce writes it. */
    Sent sent() {
        return sent;
    }

    void assignTo(BatchChunk chunk) {
        this.chunk = chunk;
    }

    // --- outcomes ---

    /** Gives the command a timeout as its outcome unless it has one; Lettuce then no longer sends it either. */
    void expire(Duration timeout) {
        if (settled == 0) {
            sent.completeExceptionally(new RedisCommandTimeoutException("no reply within " + timeout + " (the batch chunk's deadline)"));
        }
    }

    /** Gives the command its outcome unless it has one. */
    void fail(RedisServiceException failure) {
        settle(null, failure);
    }

    boolean isSettled() {
        return settled != 0;
    }

    /** Only a reply to the first sending is retried, so the batch itself sends a command again at most once. */
    private void replied(CommandOutput<byte[], byte[], T> answer, boolean toCopy) {
        String refusal = answer.getError();
        if (refusal == null) {
            settle(answer.get(), null);
            return;
        }
        if (!toCopy && settled == 0 && chunk != null && chunk.retry(this, refusal)) {
            return;
        }
        settle(null, CommandRunner.translate(operation, key, new RedisCommandExecutionException(refusal)));
    }

    private void settle(T answer, RedisServiceException failure) {
        if (!SETTLED.compareAndSet(this, 0, 1)) {
            return;
        }
        this.reply = answer;
        this.error = failure;
        if (chunk != null) {
            chunk.settled();
        }
    }

    /** A copy to send again, with an output of its own, whose reply settles this command. */
    Sent copy() {
        return new Sent(sent.getType(), sent.batchArgs, true);
    }

    /** A copy in another form, such as EVAL for EVALSHA. */
    Sent copy(ProtocolKeyword type, BatchArgs args) {
        return new Sent(type, args, true);
    }

    /** The command in its other form, when it has one, else null. */
    Sent fallbackCommand() {
        return fallback == null ? null : fallback.apply(this);
    }

    // --- the result, for the caller ---

    @Override
    public boolean isDone() {
        return settled != 0;
    }

    @Override
    public R get() {
        requireDone();
        if (error != null) {
            throw error;
        }
        if (!decoded) {
            value = decoder.apply(reply);
            decoded = true;
        }
        return value;
    }

    @Override
    public Optional<RedisServiceException> error() {
        requireDone();
        return Optional.ofNullable(error);
    }

    private void requireDone() {
        if (settled == 0) {
            throw new IllegalStateException(operation + " " + key + " has no outcome yet: run the batch first (execute or executeAsync)");
        }
    }

    @Override
    public String toString() {
        return "BatchResult[" + operation + " " + key + (settled == 0 ? ", pending" : error == null ? ", ok" : ", " + error.getMessage()) + "]";
    }

    /** What Lettuce writes and completes; it reports to the batch command. */
    final class Sent extends Command<byte[], byte[], T> {

        private final BatchArgs batchArgs;
        private final boolean copy;

        Sent(ProtocolKeyword type, BatchArgs args, boolean copy) {
            super(type, outputs.get(), null);
            this.batchArgs = args;
            this.copy = copy;
        }

        @Override
        public void encode(ByteBuf buf) {
            batchArgs.encode(getType(), buf);
        }

        /** Lettuce's form of the arguments, made when Lettuce's own routing needs it (a redirect, a fallback). */
        @Override
        public CommandArgs<byte[], byte[]> getArgs() {
            CommandArgs<byte[], byte[]> made = args;
            if (made == null) {
                made = batchArgs.toCommandArgs();
                args = made;
            }
            return made;
        }

        @Override
        public void complete() {
            super.complete();
            replied(output, copy);
        }

        @Override
        public boolean completeExceptionally(Throwable failure) {
            super.completeExceptionally(failure);
            settle(null, CommandRunner.translate(operation, key, failure));
            return true;
        }

        @Override
        public void cancel() {
            super.cancel();
            settle(null, new RedisConnectionFailureException(operation, key, "cancelled before it was sent", null));
        }

        /** Done also when the batch gave up on it, so Lettuce does not write it after all. */
        @Override
        public boolean isDone() {
            return super.isDone() || !copy && settled != 0;
        }
    }
}
