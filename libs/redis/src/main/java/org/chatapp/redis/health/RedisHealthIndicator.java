package org.chatapp.redis.health;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.chatapp.redis.LettuceClient;
import org.chatapp.redis.RedisMode;
import org.chatapp.redis.RedisService;

/**
 * Checks whether Redis can serve the application, within its own timeout, and says what it saw.
 * Unlike the seed's PING, it understands a cluster: it reads {@code CLUSTER INFO} and pings every
 * master that serves slots, so a dead master or uncovered slots report DOWN. For a single node it
 * reports version, role and memory; for sentinel the current master and its replicas.
 *
 * <p>It uses connections of its own, opened on first check and reopened after a failure, so that a
 * busy application connection does not make Redis look down. Thread-safe; close it when done.
 */
public final class RedisHealthIndicator implements AutoCloseable {

    /** The default time a check may take: 2 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private final LettuceClient client;
    private final Duration timeout;
    private final ExecutorService executor;
    private StatefulConnection<String, String> connection;
    private StatefulRedisSentinelConnection<String, String> sentinelConnection;
    private CompletableFuture<RedisHealth> running;
    private boolean closed;

    /**
     * Creates an indicator for a client.
     *
     * @param timeout how long a check may take before it reports DOWN
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public RedisHealthIndicator(LettuceClient client, Duration timeout) {
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
     * Checks Redis and returns UP or DOWN with details; never throws and never takes much longer
     * than the timeout. A check still running from an earlier call is joined, not repeated.
     */
    public RedisHealth check() {
        CompletableFuture<RedisHealth> probe;
        synchronized (this) {
            if (closed) {
                return down("health indicator is closed");
            }
            if (running == null || running.isDone()) {
                running = CompletableFuture.supplyAsync(this::probe, executor);
            }
            probe = running;
        }
        try {
            return probe.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return down("no answer within " + timeout);
        } catch (ExecutionException e) {
            return down(describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        }
    }

    private RedisHealth probe() {
        try {
            return switch (client.mode()) {
                case STANDALONE -> probeStandalone();
                case CLUSTER -> probeCluster();
                case SENTINEL -> probeSentinel();
            };
        } catch (RuntimeException e) {
            resetConnections();
            return down(describe(e));
        }
    }

    private RedisHealth probeStandalone() {
        RedisClusterAsyncCommands<String, String> commands = commands();
        Map<String, Object> details = details(RedisMode.STANDALONE);
        long latency = pingMicros(commands);
        Map<String, String> info = InfoParser.parse(await(commands.info()));
        details.put("version", info.get("redis_version"));
        details.put("role", info.get("role"));
        details.put("latency_ms", millis(latency));
        details.put("used_memory", info.get("used_memory_human"));
        details.put("connected_clients", info.get("connected_clients"));
        return new RedisHealth(HealthStatus.UP, details);
    }

    private RedisHealth probeCluster() {
        @SuppressWarnings("unchecked")
        StatefulRedisClusterConnection<String, String> cluster = (StatefulRedisClusterConnection<String, String>) connection();
        Map<String, Object> details = details(RedisMode.CLUSTER);
        long latency = pingMicros(cluster.async());
        Map<String, String> clusterInfo = InfoParser.parse(await(cluster.async().clusterInfo()));
        List<ClusterNodesParser.Node> nodes = ClusterNodesParser.parse(await(cluster.async().clusterNodes()));
        List<ClusterNodesParser.Node> servingMasters = nodes.stream().filter(ClusterNodesParser.Node::servesSlots).toList();
        int reachable = 0;
        List<String> unreachable = new ArrayList<>();
        for (ClusterNodesParser.Node master : servingMasters) {
            if (pingNode(cluster, master)) {
                reachable++;
            } else {
                unreachable.add(master.address());
            }
        }
        String state = clusterInfo.get("cluster_state");
        int slotsOk = InfoParser.intValue(clusterInfo, "cluster_slots_ok");
        int slotsFail = InfoParser.intValue(clusterInfo, "cluster_slots_fail") + InfoParser.intValue(clusterInfo, "cluster_slots_pfail");
        details.put("version", InfoParser.parse(await(cluster.async().info("server"))).get("redis_version"));
        details.put("latency_ms", millis(latency));
        details.put("cluster_state", state);
        details.put("cluster_size", InfoParser.intValue(clusterInfo, "cluster_size"));
        details.put("slots_ok", slotsOk);
        details.put("slots_fail", slotsFail);
        details.put("known_nodes", nodes.size());
        details.put("masters", servingMasters.size());
        details.put("masters_reachable", reachable);
        details.put("nodes_failed", nodes.stream().filter(ClusterNodesParser.Node::failed).count());
        if (!unreachable.isEmpty()) {
            details.put("unreachable", unreachable);
        }
        boolean up = "ok".equals(state) && slotsOk == ClusterNodesParser.SLOTS && unreachable.isEmpty();
        return new RedisHealth(up ? HealthStatus.UP : HealthStatus.DOWN, details);
    }

    private boolean pingNode(StatefulRedisClusterConnection<String, String> cluster, ClusterNodesParser.Node node) {
        try {
            StatefulRedisConnection<String, String> nodeConnection =
                    cluster.getConnectionAsync(node.host(), node.port()).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return "PONG".equals(await(nodeConnection.async().ping()));
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private RedisHealth probeSentinel() {
        StatefulRedisSentinelConnection<String, String> sentinel = sentinelConnection();
        String masterName = client.options().sentinel().master();
        Map<String, Object> details = details(RedisMode.SENTINEL);
        SocketAddress master = await(sentinel.async().getMasterAddrByName(masterName));
        details.put("master_name", masterName);
        details.put("master", master == null ? null : address(master));
        List<Map<String, String>> replicas = await(sentinel.async().replicas(masterName));
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
        RedisClusterAsyncCommands<String, String> commands = commands();
        long latency = pingMicros(commands);
        details.put("version", InfoParser.parse(await(commands.info("server"))).get("redis_version"));
        details.put("latency_ms", millis(latency));
        return new RedisHealth(HealthStatus.UP, details);
    }

    private long pingMicros(RedisClusterAsyncCommands<String, String> commands) {
        long start = System.nanoTime();
        await(commands.ping());
        return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException("no answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private <T> T await(io.lettuce.core.RedisFuture<T> future) {
        return await(future.toCompletableFuture());
    }

    private synchronized StatefulConnection<String, String> connection() {
        if (connection == null) {
            connection = client.connect(StringCodec.UTF8);
        }
        return connection;
    }

    @SuppressWarnings("unchecked")
    private RedisClusterAsyncCommands<String, String> commands() {
        StatefulConnection<String, String> open = connection();
        if (open instanceof StatefulRedisClusterConnection<?, ?> cluster) {
            return (RedisClusterAsyncCommands<String, String>) cluster.async();
        }
        return ((StatefulRedisConnection<String, String>) open).async();
    }

    private synchronized StatefulRedisSentinelConnection<String, String> sentinelConnection() {
        if (sentinelConnection == null || !sentinelConnection.isOpen()) {
            sentinelConnection = client.connectSentinel();
        }
        return sentinelConnection;
    }

    /** Drops connections that failed to open or answer; Lettuce keeps reconnecting open ones. */
    private synchronized void resetConnections() {
        if (connection != null && !connection.isOpen()) {
            connection.close();
            connection = null;
        }
        if (sentinelConnection != null && !sentinelConnection.isOpen()) {
            sentinelConnection.close();
            sentinelConnection = null;
        }
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

    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
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
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (connection != null) {
                connection.close();
            }
            if (sentinelConnection != null) {
                sentinelConnection.close();
            }
        }
        executor.shutdownNow();
    }
}
