package org.chatapp.redis;

import io.lettuce.core.protocol.RedisCommand;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Up to {@link RedisBatch#CHUNK} commands of a batch written to one node in one write, with one
 * deadline for all of them. Tells its route when every command has its outcome.
 */
final class BatchChunk {

    private final BatchRun.Route route;
    private final List<BatchCommand<?, ?>> commands;
    /** What Lettuce writes: a collection makes one write and one buffer. */
    private final List<RedisCommand<byte[], byte[], ?>> sent;
    private final AtomicInteger unsettled;
    private volatile Timeout deadline;
    /** Whether the chunk waits in Lettuce's buffer for a reconnect, counted against the request queue. */
    private volatile boolean held;

    BatchChunk(BatchRun.Route route, List<BatchCommand<?, ?>> commands) {
        this.route = route;
        this.commands = commands;
        this.unsettled = new AtomicInteger(commands.size());
        this.sent = new ArrayList<>(commands.size());
        for (BatchCommand<?, ?> command : commands) {
            command.assignTo(this);
            sent.add(command.sent());
        }
    }

    /** The batch's commands, each with what Lettuce writes for it ({@link BatchCommand#sent()}). */
    List<BatchCommand<?, ?>> batchCommands() {
        return commands;
    }

    /** The commands as Lettuce writes them. */
    List<RedisCommand<byte[], byte[], ?>> commands() {
        return sent;
    }

    int size() {
        return commands.size();
    }

    /** Starts the chunk's one deadline: unanswered commands then time out. */
    void armDeadline(Timer timer, Duration timeout) {
        deadline = timer.newTimeout(expired -> expire(timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (unsettled.get() == 0) {
            deadline.cancel();
        }
    }

    void markHeld() {
        held = true;
    }

    private void expire(Duration timeout) {
        boolean any = false;
        for (BatchCommand<?, ?> command : commands) {
            if (!command.isSettled()) {
                any = true;
                command.expire(timeout);
            }
        }
        if (any) {
            route.timedOut();
        }
    }

    /** The write of the whole chunk failed, so none of it reached Redis, or, once writing began, maybe some. */
    void writeFailed(Throwable cause) {
        boolean nothingSent = cause instanceof ClosedChannelException;
        for (BatchCommand<?, ?> command : commands) {
            if (command.isSettled()) {
                continue;
            }
            if (nothingSent || ReplayGuard.isSafeToRepeat(command.sent().getType())) {
                command.fail(new RedisConnectionFailureException(command.operation(), command.key(),
                        "not sent: the connection closed (" + cause + ")", cause));
            } else {
                command.fail(new RedisOutcomeUnknownException(command.operation(), command.key(),
                        "the write failed midway (" + cause + "), so it may or may not have reached Redis; it is not sent again", cause));
            }
        }
    }

    /** Gives every command without an outcome the failure made for it (by its operation and key). */
    void failAll(BiFunction<String, String, RedisServiceException> failure) {
        for (BatchCommand<?, ?> command : commands) {
            if (!command.isSettled()) {
                command.fail(failure.apply(command.operation(), command.key()));
            }
        }
    }

    /** Sends a refused command again where the refusal says (MOVED, ASK) or in its other form (NOSCRIPT). */
    boolean retry(BatchCommand<?, ?> command, String refusal) {
        return route.retry(command, refusal);
    }

    void settled() {
        if (held) {
            route.releaseHeld();
        }
        if (unsettled.decrementAndGet() == 0) {
            Timeout armed = deadline;
            if (armed != null) {
                armed.cancel();
            }
            route.chunkDone();
        }
    }
}
