package org.chatapp.redis;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.util.Timer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One sending of a batch: its commands split by node (one route per master on a cluster, one on a
 * single node), each route written in chunks from the connection's event loop, with at most
 * {@link RedisBatch#CHUNKS_IN_FLIGHT} chunks per route awaiting replies. Completes when every
 * command has its outcome.
 */
final class BatchRun {

    private static final String OPERATION = "BATCH";

    private final LazyConnection<byte[], byte[]> connection;
    private final CommandRunner runner;
    private final Timer timer;
    private final Duration timeout;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicInteger routesLeft = new AtomicInteger();
    private volatile StatefulConnection<byte[], byte[]> opened;
    private final AtomicInteger timeoutsReported = new AtomicInteger();

    BatchRun(LazyConnection<byte[], byte[]> connection, CommandRunner runner, Timer timer, Duration timeout) {
        this.connection = connection;
        this.runner = runner;
        this.timer = timer;
        this.timeout = timeout;
    }

    /** Sends the commands; {@link #completion()} completes when each has its outcome. */
    void start(List<BatchCommand<?, ?>> commands) {
        if (commands.isEmpty()) {
            done.complete(null);
            return;
        }
        CompletableFuture<StatefulConnection<byte[], byte[]>> ready;
        try {
            ready = connection.connectionAsync(OPERATION, commands.get(0).key());
        } catch (RuntimeException e) {
            ready = CompletableFuture.failedFuture(e);
        }
        ready.whenComplete((open, error) -> {
            if (error != null) {
                RedisServiceException failure = CommandRunner.translate(OPERATION, null, error);
                commands.forEach(command -> command.fail(rename(failure, command)));
                done.complete(null);
                return;
            }
            opened = open;
            route(open, commands);
        });
    }

    /** The connection failure as the command's own, naming its operation and key. */
    private static RedisServiceException rename(RedisServiceException failure, BatchCommand<?, ?> command) {
        return new RedisConnectionFailureException(command.operation(), command.key(), failure.getMessage(), failure);
    }

    private void route(StatefulConnection<byte[], byte[]> open, List<BatchCommand<?, ?>> commands) {
        if (!(open instanceof StatefulRedisClusterConnection<byte[], byte[]> cluster)) {
            routesLeft.set(1);
            new Route(CompletableFuture.completedFuture(open), commands).sendMore();
            return;
        }
        // By master, in the caller's order within each; a slot no master serves (mid-failover) goes
        // through Lettuce's own routing, which fails it or finds the node that took over.
        Partitions partitions = cluster.getPartitions();
        Map<String, List<BatchCommand<?, ?>>> byNode = new LinkedHashMap<>();
        List<BatchCommand<?, ?>> unrouted = new ArrayList<>();
        for (BatchCommand<?, ?> command : commands) {
            RedisClusterNode master = partitions.getMasterBySlot(command.slot());
            if (master == null) {
                unrouted.add(command);
            } else {
                byNode.computeIfAbsent(master.getNodeId(), id -> new ArrayList<>()).add(command);
            }
        }
        List<Route> routes = new ArrayList<>();
        byNode.forEach((nodeId, part) -> routes.add(new Route(nodeConnection(cluster, nodeId), part)));
        if (!unrouted.isEmpty()) {
            routes.add(new Route(CompletableFuture.completedFuture(cluster), unrouted));
        }
        routesLeft.set(routes.size());
        routes.forEach(Route::sendMore);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static CompletableFuture<StatefulConnection<byte[], byte[]>> nodeConnection(
            StatefulRedisClusterConnection<byte[], byte[]> cluster, String nodeId) {
        try {
            return (CompletableFuture) cluster.getConnectionAsync(nodeId);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Completes, never exceptionally, when every command has its outcome. */
    CompletableFuture<Void> completion() {
        return done;
    }

    /** Gives every command without an outcome a timeout, for a caller that stopped waiting. */
    void abandon(List<BatchCommand<?, ?>> commands) {
        commands.forEach(command -> command.expire(timeout));
    }

    private void routeDone() {
        if (routesLeft.decrementAndGet() == 0) {
            done.complete(null);
        }
    }

    /** The commands for one node, sent a chunk at a time. */
    final class Route {

        private final CompletableFuture<StatefulConnection<byte[], byte[]>> node;
        private final List<BatchCommand<?, ?>> commands;
        // Guarded by this.
        private int next;
        private int inFlight;
        private boolean finished;
        /** Whether a thread is writing this route's chunks; the others leave the writing to it. */
        private boolean sending;
        /**
         * Chunks that may await replies at once: one until a chunk was written whole to the channel,
         * then {@link RedisBatch#CHUNKS_IN_FLIGHT}; one again after a chunk went through Lettuce's own
         * dispatch, which may hand it to the connection later than a chunk written after it (it
         * waits for the node's connection when it must).
         */
        private int window = 1;

        Route(CompletableFuture<StatefulConnection<byte[], byte[]>> node, List<BatchCommand<?, ?>> commands) {
            this.node = node;
            this.commands = commands;
        }

        /**
         * Writes the chunks the window allows, in order. One thread writes at a time (the caller's at
         * first, then whichever completed a chunk), and each write is queued on the channel's event
         * loop, never run inline there, so chunks reach the socket in the order they were made.
         */
        void sendMore() {
            synchronized (this) {
                if (sending) {
                    return;
                }
                sending = true;
            }
            while (true) {
                BatchChunk chunk = null;
                boolean allDone;
                synchronized (this) {
                    if (inFlight < window && next < commands.size()) {
                        int end = Math.min(next + RedisBatch.CHUNK, commands.size());
                        chunk = new BatchChunk(this, commands.subList(next, end));
                        next = end;
                        inFlight++;
                    }
                    allDone = !finished && inFlight == 0 && next == commands.size();
                    finished |= allDone;
                    sending = chunk != null;
                }
                if (allDone) {
                    routeDone();
                }
                if (chunk == null) {
                    return;
                }
                write(chunk);
            }
        }

        private void write(BatchChunk chunk) {
            StatefulConnection<byte[], byte[]> open = node.getNow(null);
            if (open != null) {
                write(chunk, open);
                return;
            }
            // Only the first chunk can wait here: the window stays at one until a chunk was written.
            node.whenComplete((connected, error) -> {
                if (error != null) {
                    String reason = CommandRunner.translate(OPERATION, null, error).getMessage();
                    chunk.failAll((operation, key) -> new RedisConnectionFailureException(operation, key,
                            "no connection to the slot's master: " + reason, error));
                } else {
                    write(chunk, connected);
                }
            });
        }

        private void write(BatchChunk chunk, StatefulConnection<byte[], byte[]> open) {
            chunk.armDeadline(timer, timeout);
            Channel channel = EndpointChannel.of(open);
            if (channel != null) {
                ChannelPromise written = channel.newPromise();
                written.addListener(outcome -> {
                    if (!outcome.isSuccess()) {
                        chunk.writeFailed(outcome.cause());
                    }
                });
                try {
                    channel.eventLoop().execute(() -> channel.writeAndFlush(chunk.commands(), written));
                } catch (RejectedExecutionException closing) {
                    chunk.writeFailed(new ClosedChannelException());
                    return;
                }
                setWindow(RedisBatch.CHUNKS_IN_FLIGHT);
                return;
            }
            setWindow(1);
            // Not connected (or no channel to write to): Lettuce's dispatch holds the commands for the
            // reconnect, as it does single commands, within the same bound.
            if (!open.isOpen()) {
                if (!runner.holdWhileDisconnected(chunk.size())) {
                    chunk.failAll((operation, key) -> new RedisRequestQueueFullException(operation, key, "not connected, and the"
                            + " batch's " + chunk.size() + " commands would exceed the " + runner.requestQueueSize()
                            + " commands that may wait for the reconnect (requestQueueSize)"));
                    return;
                }
                chunk.markHeld();
            }
            dispatch(chunk, open);
        }

        /**
         * Hands the chunk to Lettuce's dispatch; a command that dispatch throws for was not sent, and
         * fails. A node's connection, or sentinel's master/replica one, takes the chunk whole (one
         * flush) and throws, if at all, before writing any of it. The cluster connection, which gets
         * the commands for slots no master serves in the slot map (mid-failover), takes them one at
         * a time: given a collection, it looks each slot's connection up blocking and throws for an
         * uncovered slot after writing the other slots' commands. That throw once left the route
         * marked as writing and the routes after it unsent, so the batch ended only at its outer
         * bound, 9 s (ChatFailoverIT). One at a time, each is routed without blocking, and only one
         * it cannot route fails.
         */
        private void dispatch(BatchChunk chunk, StatefulConnection<byte[], byte[]> open) {
            if (!(open instanceof StatefulRedisClusterConnection<byte[], byte[]>)) {
                try {
                    open.dispatch(chunk.commands());
                } catch (RuntimeException notSent) {
                    chunk.failAll((operation, key) -> CommandRunner.translate(operation, key, notSent));
                }
                return;
            }
            for (BatchCommand<?, ?> command : chunk.batchCommands()) {
                try {
                    open.dispatch(command.sent());
                } catch (RuntimeException notSent) {
                    command.fail(CommandRunner.translate(command.operation(), command.key(), notSent));
                }
            }
        }

        /** Sets how many chunks may await replies; a wider window lets the next chunk go now. */
        private void setWindow(int chunks) {
            boolean widened;
            synchronized (this) {
                widened = chunks > window;
                window = chunks;
            }
            if (widened) {
                sendMore();
            }
        }

        boolean retry(BatchCommand<?, ?> command, String refusal) {
            StatefulConnection<byte[], byte[]> main = opened;
            if (main == null) {
                return false;
            }
            if (refusal.startsWith("MOVED ") || refusal.startsWith("ASK ")) {
                if (!(main instanceof StatefulRedisClusterConnection<byte[], byte[]>)) {
                    return false;
                }
                // The cluster connection routes it by its slot map and follows further redirects itself.
                main.dispatch(command.copy());
                return true;
            }
            if (refusal.startsWith("NOSCRIPT")) {
                BatchCommand<?, ?>.Sent other = command.fallbackCommand();
                if (other != null) {
                    main.dispatch(other);
                    return true;
                }
            }
            return false;
        }

        void releaseHeld() {
            runner.releaseHeld();
        }

        void timedOut() {
            if (timeoutsReported.getAndIncrement() == 0) {
                runner.timedOut();
            }
        }

        void chunkDone() {
            synchronized (this) {
                inFlight--;
            }
            sendMore();
        }
    }
}
