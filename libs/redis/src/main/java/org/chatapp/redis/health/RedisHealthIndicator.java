package org.chatapp.redis.health;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.chatapp.redis.LettuceClient;
import org.chatapp.redis.RedisConnectionFailureException;
import org.chatapp.redis.RedisMode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;

/**
 * Checks whether Redis can serve the application, within its own timeout, and says what it saw.
 * Unlike the seed's PING, it understands a cluster: it reads {@code CLUSTER INFO} and pings every
 * master that serves slots, all at once, so a dead master or uncovered slots report DOWN. For a
 * single node it reports version, role and memory; for sentinel the current master and its replicas.
 *
 * <p>It uses connections of its own, opened without blocking on first check and reopened after a
 * failure, so that a busy application connection does not make Redis look down. A check never
 * waits for I/O under a lock; one that is still running when the next is asked for is joined,
 * not repeated. Thread-safe; close it when done.
 */
public final class RedisHealthIndicator implements AutoCloseable {

    /** The default time a check may take: 2 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private final LettuceClient client;
    private final Duration timeout;
    private final ExecutorService executor;
    private final Object probeLock = new Object();
    private final Object connectionLock = new Object();
    private CompletableFuture<RedisHealth> running;
    private CompletableFuture<StatefulConnection<String, String>> connection;
    private CompletableFuture<StatefulRedisSentinelConnection<String, String>> sentinelConnection;
    private final Clock clock;
    /** When the checks started reporting DOWN; null while UP. */
    private volatile Instant downSince;
    private volatile boolean closed;

    /**
     * Creates an indicator for a client.
     *
     * @param timeout how long a check may take before it reports DOWN
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public RedisHealthIndicator(LettuceClient client, Duration timeout) {
        this(client, timeout, Clock.systemUTC());
    }

    RedisHealthIndicator(LettuceClient client, Duration timeout, Clock clock) {
        this.clock = clock;
        this.client = Objects.requireNonNull(client, "client");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("health timeout must be a positive duration, was " + timeout);
        }
        this.timeout = timeout;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chatapp-redis-health");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Creates an indicator for the client behind a service, with the given timeout. */
    public static RedisHealthIndicator of(RedisService service, Duration timeout) {
        return new RedisHealthIndicator(service.lettuceClient(), timeout);
    }

    /** Returns the time a check may take. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Checks Redis and returns UP or DOWN with details; never throws and returns within the
     * timeout (plus scheduling jitter).
     */
    public RedisHealth check() {
        return withDownSince(checkNow());
    }

    private RedisHealth checkNow() {
        if (closed) {
            return down("health indicator is closed");
        }
        CompletableFuture<RedisHealth> probe;
        synchronized (probeLock) {
            if (running == null || running.isDone()) {
                long deadline = System.nanoTime() + timeout.toNanos();
                try {
                    running = CompletableFuture.supplyAsync(() -> probe(deadline), executor);
                } catch (RejectedExecutionException closing) {
                    return down("health indicator is closed");
                }
            }
            probe = running;
        }
        try {
            return probe.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return down("no answer from " + where() + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return down(describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        }
    }

    /** Returns the endpoints the client talks to, for messages; never credentials. */
    private String where() {
        RedisOptions options = client.options();
        return switch (options.mode()) {
            case STANDALONE -> "Redis at " + options.host() + ":" + options.port();
            case CLUSTER -> "the Redis Cluster at " + options.nodes();
            case SENTINEL -> "the Redis master " + options.sentinel().master() + " of the sentinels " + options.sentinel().nodes();
        };
    }

    /** Adds {@code down_since} to a DOWN result: when the checks started failing, kept until one succeeds. */
    private RedisHealth withDownSince(RedisHealth health) {
        if (health.isUp()) {
            downSince = null;
            return health;
        }
        Instant since = downSince;
        if (since == null) {
            since = clock.instant();
            downSince = since;
        }
        Map<String, Object> details = new LinkedHashMap<>(health.details());
        details.put("down_since", since.toString());
        return new RedisHealth(health.status(), details);
    }

    private RedisHealth probe(long deadline) {
        try {
            return switch (client.mode()) {
                case STANDALONE -> probeStandalone(deadline);
                case CLUSTER -> probeCluster(deadline);
                case SENTINEL -> probeSentinel(deadline);
            };
        } catch (RuntimeException e) {
            resetConnections();
            return down(describe(e));
        }
    }

    private RedisHealth probeStandalone(long deadline) {
        RedisClusterAsyncCommands<String, String> commands = commands(connection(deadline));
        Map<String, Object> details = details(RedisMode.STANDALONE);
        long latency = pingMicros(commands, deadline);
        Map<String, String> info = InfoParser.parse(await(commands.info(), deadline));
        details.put("version", info.get("redis_version"));
        details.put("role", info.get("role"));
        details.put("latency_ms", millis(latency));
        details.put("used_memory", info.get("used_memory_human"));
        details.put("connected_clients", info.get("connected_clients"));
        return new RedisHealth(HealthStatus.UP, details);
    }

    private RedisHealth probeCluster(long deadline) {
        @SuppressWarnings("unchecked")
        StatefulRedisClusterConnection<String, String> cluster = (StatefulRedisClusterConnection<String, String>) connection(deadline);
        Map<String, Object> details = details(RedisMode.CLUSTER);
        long latency = pingMicros(cluster.async(), deadline);
        // Sent together, before the pings that may use up the deadline on a dead master.
        RedisFuture<String> clusterInfoReply = cluster.async().clusterInfo();
        RedisFuture<String> clusterNodesReply = cluster.async().clusterNodes();
        RedisFuture<String> serverInfoReply = cluster.async().info("server");
        Map<String, String> clusterInfo = InfoParser.parse(await(clusterInfoReply, deadline));
        List<ClusterNodesParser.Node> nodes = ClusterNodesParser.parse(await(clusterNodesReply, deadline));
        String version = InfoParser.parse(await(serverInfoReply, deadline)).get("redis_version");
        List<ClusterNodesParser.Node> servingMasters = nodes.stream().filter(ClusterNodesParser.Node::servesSlots).toList();
        List<String> unreachable = pingAll(cluster, servingMasters, deadline);
        if (!unreachable.isEmpty()) {
            // A master the client's view does not know yet (just added, or back from FAIL) looks
            // unreachable until the view is refreshed; refresh it now rather than at the next period.
            ((RedisClusterClient) client.unwrap()).refreshPartitionsAsync();
        }
        String state = clusterInfo.get("cluster_state");
        int slotsOk = InfoParser.intValue(clusterInfo, "cluster_slots_ok");
        int slotsFail = InfoParser.intValue(clusterInfo, "cluster_slots_fail") + InfoParser.intValue(clusterInfo, "cluster_slots_pfail");
        details.put("version", version);
        details.put("latency_ms", millis(latency));
        details.put("cluster_state", state);
        details.put("cluster_size", InfoParser.intValue(clusterInfo, "cluster_size"));
        details.put("slots_ok", slotsOk);
        details.put("slots_fail", slotsFail);
        details.put("known_nodes", nodes.size());
        details.put("masters", servingMasters.size());
        details.put("masters_reachable", servingMasters.size() - unreachable.size());
        details.put("nodes_failed", nodes.stream().filter(ClusterNodesParser.Node::failed).count());
        if (!unreachable.isEmpty()) {
            details.put("unreachable", unreachable);
        }
        boolean up = "ok".equals(state) && slotsOk == ClusterNodesParser.SLOTS && unreachable.isEmpty();
        return new RedisHealth(up ? HealthStatus.UP : HealthStatus.DOWN, details);
    }

    /** Pings every master at once, by node id; returns the addresses of those that did not answer PONG in time. */
    private List<String> pingAll(StatefulRedisClusterConnection<String, String> cluster, List<ClusterNodesParser.Node> masters,
            long deadline) {
        List<CompletableFuture<String>> pings = new ArrayList<>();
        for (ClusterNodesParser.Node master : masters) {
            CompletableFuture<String> ping;
            try {
                ping = cluster.getConnectionAsync(master.id())
                        .thenCompose(node -> node.async().ping().toCompletableFuture());
            } catch (RuntimeException e) {
                ping = CompletableFuture.failedFuture(e);
            }
            pings.add(ping);
        }
        try {
            CompletableFuture.allOf(pings.toArray(CompletableFuture[]::new)).get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Each ping's own outcome is read below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> unreachable = new ArrayList<>();
        for (int i = 0; i < masters.size(); i++) {
            CompletableFuture<String> ping = pings.get(i);
            if (!ping.isDone() || ping.isCompletedExceptionally() || !"PONG".equals(ping.join())) {
                ping.cancel(true);
                unreachable.add(masters.get(i).address());
            }
        }
        return unreachable;
    }

    private RedisHealth probeSentinel(long deadline) {
        StatefulRedisSentinelConnection<String, String> sentinel = sentinelConnection(deadline);
        String masterName = client.options().sentinel().master();
        Map<String, Object> details = details(RedisMode.SENTINEL);
        SocketAddress master = await(sentinel.async().getMasterAddrByName(masterName), deadline);
        details.put("master_name", masterName);
        details.put("master", master == null ? null : address(master));
        List<Map<String, String>> replicas = await(sentinel.async().replicas(masterName), deadline);
        List<String> replicaAddresses = new ArrayList<>();
        long replicasUp = 0;
        for (Map<String, String> replica : replicas) {
            replicaAddresses.add(replica.get("ip") + ":" + replica.get("port"));
            String flags = replica.getOrDefault("flags", "");
            if (!flags.contains("down") && !flags.contains("disconnected")) {
                replicasUp++;
            }
        }
        details.put("replicas", replicaAddresses);
        details.put("replicas_up", replicasUp);
        if (master == null) {
            return new RedisHealth(HealthStatus.DOWN, details);
        }
        RedisClusterAsyncCommands<String, String> commands = commands(connection(deadline));
        long latency = pingMicros(commands, deadline);
        details.put("version", InfoParser.parse(await(commands.info("server"), deadline)).get("redis_version"));
        details.put("latency_ms", millis(latency));
        return new RedisHealth(HealthStatus.UP, details);
    }

    private long pingMicros(RedisClusterAsyncCommands<String, String> commands, long deadline) {
        long start = System.nanoTime();
        await(commands.ping(), deadline);
        return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
    }

    private <T> T await(RedisFuture<T> future, long deadline) {
        return await(future.toCompletableFuture(), deadline);
    }

    private <T> T await(CompletableFuture<T> future, long deadline) {
        try {
            return future.get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new ProbeFailure(describe(e.getCause()));
        } catch (TimeoutException e) {
            throw new ProbeFailure("no answer from " + where() + " in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeFailure("interrupted");
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private StatefulConnection<String, String> connection(long deadline) {
        return await(opened(() -> connection, () -> connection = client.connectAsync(StringCodec.UTF8)), deadline);
    }

    private StatefulRedisSentinelConnection<String, String> sentinelConnection(long deadline) {
        return await(opened(() -> sentinelConnection, () -> sentinelConnection = client.connectSentinelAsync()), deadline);
    }

    /** Returns the connection being opened or open, starting to open one when there is none. */
    private <C> CompletableFuture<C> opened(Supplier<CompletableFuture<C>> current, Supplier<CompletableFuture<C>> open) {
        synchronized (connectionLock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("health indicator is closed"));
            }
            CompletableFuture<C> existing = current.get();
            return existing != null ? existing : open.get();
        }
    }

    @SuppressWarnings("unchecked")
    private static RedisClusterAsyncCommands<String, String> commands(StatefulConnection<String, String> open) {
        if (open instanceof StatefulRedisClusterConnection<?, ?> cluster) {
            return (RedisClusterAsyncCommands<String, String>) cluster.async();
        }
        return ((StatefulRedisConnection<String, String>) open).async();
    }

    /** Drops connections that failed to open, or closed; Lettuce keeps reconnecting open ones. */
    private void resetConnections() {
        synchronized (connectionLock) {
            if (failedOrClosed(connection)) {
                connection = null;
            }
            if (failedOrClosed(sentinelConnection)) {
                sentinelConnection = null;
            }
        }
    }

    private static boolean failedOrClosed(CompletableFuture<? extends StatefulConnection<?, ?>> opening) {
        if (opening == null || !opening.isDone()) {
            return false;
        }
        if (opening.isCompletedExceptionally()) {
            return true;
        }
        StatefulConnection<?, ?> open = opening.join();
        if (!open.isOpen()) {
            open.close();
            return true;
        }
        return false;
    }

    private Map<String, Object> details(RedisMode mode) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", mode.label());
        return details;
    }

    private RedisHealth down(String error) {
        Map<String, Object> details = details(client.mode());
        details.put("error", error);
        return new RedisHealth(HealthStatus.DOWN, details);
    }

    /**
     * Says what is wrong in words for the details, with the address where the failure names one:
     * never a chain of exception class names.
     */
    private static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof ProbeFailure) {
            return message;
        }
        if (cause instanceof RedisConnectionFailureException || cause instanceof RedisConnectionException
                || cause instanceof IOException) {
            return "not reachable: " + message;
        }
        if (cause instanceof RedisCommandTimeoutException || cause instanceof TimeoutException) {
            return "no answer in time";
        }
        if (cause instanceof RedisCommandExecutionException) {
            return "Redis refused the check: " + message;
        }
        return message;
    }

    /** A check step that failed, already described in words. */
    private static final class ProbeFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ProbeFailure(String description) {
            super(description, null, false, false);
        }
    }

    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getHostString() + ":" + inet.getPort();
        }
        return address.toString();
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        synchronized (connectionLock) {
            closeWhenOpen(connection);
            closeWhenOpen(sentinelConnection);
            connection = null;
            sentinelConnection = null;
        }
    }

    private static void closeWhenOpen(CompletableFuture<? extends StatefulConnection<?, ?>> opening) {
        if (opening != null) {
            opening.thenAccept(StatefulConnection::close);
        }
    }
}
