package org.chatapp.redis.cache;

import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.chatapp.redis.RedisService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-assisted invalidation of one cache's near cache: a RESP3 connection of its own with
 * {@code CLIENT TRACKING ON BCAST PREFIX <service prefix>cache:{<name>:} on the server, or on every
 * master of a cluster, so Redis pushes an {@code invalidate} for every write, expiry or eviction of
 * the cache's keys, whoever made it (not only this library's announcements). Not Lettuce's
 * {@code ClientSideCaching} (deprecated).
 *
 * <p>Tracking state lives in the server's connection: a reconnected connection lost it, and a
 * newly promoted master never had it. The near cache takes entries only while tracking is confirmed
 * on masters covering every slot ({@link #active()}). On a connection event the client's many
 * connections report (Lettuce's topology refreshes open and close some every period), tracking is
 * {@linkplain #verify checked}: each tracked connection must still be open and answer
 * {@code CLIENT ID} with the id it had when tracking was switched on (the same server-side client,
 * so no push was lost), and the masters must be the same. Only when that fails is the near cache
 * emptied and tracking switched on again.
 */
final class TrackedInvalidations implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrackedInvalidations.class);
    private static final Duration START_WAIT = Duration.ofSeconds(2);
    /** How long a tracked connection may take to answer {@code CLIENT ID} before it counts as lost. */
    private static final Duration VERIFY_WAIT = Duration.ofMillis(500);
    private static final int SLOTS = 16384;

    /** One master's connection with tracking on, and the server-side client id it had then. */
    private record Tracked(String nodeId, StatefulRedisConnection<byte[], byte[]> node, long clientId) {
    }

    private final RedisService redis;
    private final String rawPrefix;
    private final String probeKey;
    private final Consumer<String> invalidateKey;
    private final Runnable invalidateAll;
    private final CompletableFuture<Void> probed = new CompletableFuture<>();
    /** Counts restarts: only the newest restart's confirmation may activate the near cache. Also the lock of that decision. */
    private final AtomicLong epoch = new AtomicLong();
    private volatile StatefulConnection<byte[], byte[]> connection;
    /** The connections tracking was confirmed on, by node id ("" for a single node); empty while inactive. */
    private volatile Map<String, Tracked> tracked = Map.of();
    private volatile boolean active;
    private volatile boolean closed;

    private TrackedInvalidations(RedisService redis, CacheKeys keys, Consumer<String> invalidateKey, Runnable invalidateAll) {
        this.redis = redis;
        this.rawPrefix = redis.keys().raw(keys.pattern().substring(0, keys.pattern().length() - 1));
        this.probeKey = keys.pattern().substring(0, keys.pattern().length() - 1) + "}:probe";
        this.invalidateKey = invalidateKey;
        this.invalidateAll = invalidateAll;
    }

    /**
     * Starts tracking for a cache and proves it end to end (a write of a probe key must come back as
     * an invalidation); returns null when the server or the connection cannot track (RESP2, Redis
     * before 6, a refused command), and the caller relies on announcements alone.
     */
    static TrackedInvalidations start(RedisService redis, CacheKeys keys, Consumer<String> invalidateKey, Runnable invalidateAll) {
        TrackedInvalidations tracking = new TrackedInvalidations(redis, keys, invalidateKey, invalidateAll);
        try {
            tracking.open();
            tracking.enable(tracking.epoch.get()).get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            redis.set(tracking.probeKey, "probe", Duration.ofSeconds(1));
            tracking.probed.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return tracking;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tracking.close();
            return null;
        } catch (Exception e) {
            log.info("Client tracking is not available for near cache '{}'; relying on announcements: {}", keys.name(), e.toString());
            tracking.close();
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private void open() {
        StatefulConnection<byte[], byte[]> opened = redis.lettuceClient().connect(ByteArrayCodec.INSTANCE);
        if (opened instanceof StatefulRedisClusterConnection<?, ?> cluster) {
            cluster.addListener((RedisClusterNode node, PushMessage message) -> pushed(message));
        } else if (opened instanceof StatefulRedisConnection<?, ?> single) {
            single.addListener(this::pushed);
        } else {
            opened.close();
            throw new IllegalStateException("no push messages on a " + opened.getClass().getSimpleName());
        }
        connection = opened;
    }

    /** Whether the server confirmed tracking on masters covering every slot since the last restart: the near cache may take entries. */
    boolean active() {
        return active && !closed;
    }

    /**
     * A connection of the client dropped or came back, or the topology changed: restarts tracking
     * unless every tracked connection is provably the one tracking was switched on for and the
     * masters are the same. Never blocks (this runs on the event bus).
     *
     * @param topologyChanged whether the event was a topology change (the masters may differ)
     */
    void verify(boolean topologyChanged) {
        if (closed || connection == null) {
            return;
        }
        long seen = epoch.get();
        Map<String, Tracked> current = tracked;
        if (!active || current.isEmpty() || (topologyChanged && !sameMasters(current))) {
            restartUnlessRestartedSince(seen);
            return;
        }
        for (Tracked node : current.values()) {
            if (!node.node().isOpen()) {
                restartUnlessRestartedSince(seen);
                return;
            }
        }
        for (Tracked node : current.values()) {
            node.node().async().clientId().toCompletableFuture()
                    .orTimeout(VERIFY_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((id, error) -> {
                        if (closed) {
                            return; // Closing failed the check, not a lost connection.
                        }
                        if (error != null || id == null || id != node.clientId()) {
                            restartUnlessRestartedSince(seen);
                        }
                    });
        }
    }

    /** Whether the masters that serve slots are the ones tracking was confirmed on (a single node never changes here). */
    private boolean sameMasters(Map<String, Tracked> current) {
        if (!(connection instanceof StatefulRedisClusterConnection<?, ?> cluster)) {
            return false; // A sentinel setup's master changed: the node behind the connection is another.
        }
        Set<String> masters = new HashSet<>();
        for (RedisClusterNode node : cluster.getPartitions()) {
            if (servesSlots(node)) {
                masters.add(node.getNodeId());
            }
        }
        return masters.equals(current.keySet());
    }

    private void restartUnlessRestartedSince(long seen) {
        if (epoch.get() == seen) {
            restart();
        }
    }

    /**
     * Empties the near cache and switches tracking off and on again on every master, without
     * blocking; the near cache takes no entries until the server confirmed it.
     */
    void restart() {
        long current;
        synchronized (epoch) {
            current = epoch.incrementAndGet();
            active = false;
            tracked = Map.of();
        }
        invalidateAll.run();
        if (closed || connection == null) {
            return;
        }
        enable(current).whenComplete((done, error) -> {
            if (error != null) {
                log.debug("Restarting client tracking for prefix {} failed; the near cache stays off until the next connection event: {}",
                        rawPrefix, error.toString());
            }
        });
    }

    /**
     * Switches tracking on for every master serving slots, and completes when all confirmed; then,
     * unless another restart came meanwhile, activates the near cache. Fails when some slots have no
     * master that is not failing: entries there could change unseen once a replica takes over.
     */
    @SuppressWarnings("unchecked")
    private CompletableFuture<Void> enable(long restart) {
        StatefulConnection<byte[], byte[]> current = connection;
        List<CompletableFuture<Tracked>> confirmations = new ArrayList<>();
        if (current instanceof StatefulRedisClusterConnection<?, ?> cluster) {
            StatefulRedisClusterConnection<byte[], byte[]> nodes = (StatefulRedisClusterConnection<byte[], byte[]>) cluster;
            BitSet covered = new BitSet(SLOTS);
            for (RedisClusterNode node : nodes.getPartitions()) {
                if (servesSlots(node)) {
                    node.getSlots().forEach(covered::set);
                    confirmations.add(nodes.getConnectionAsync(node.getNodeId()).thenCompose(nodeConnection -> track(node.getNodeId(), nodeConnection)));
                }
            }
            if (covered.cardinality() < SLOTS) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        (SLOTS - covered.cardinality()) + " slots have no master that is up; waiting for the next topology change"));
            }
        } else {
            confirmations.add(track("", (StatefulRedisConnection<byte[], byte[]>) current));
        }
        return CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).thenRun(() -> {
            Map<String, Tracked> confirmed = new HashMap<>();
            confirmations.forEach(confirmation -> {
                Tracked node = confirmation.join();
                confirmed.put(node.nodeId(), node);
            });
            invalidateAll.run(); // Anything written while tracking was off went unnoticed.
            // Under the lock a restart takes: one that came meanwhile (a later epoch) is not undone.
            synchronized (epoch) {
                if (epoch.get() == restart && !closed) {
                    tracked = Map.copyOf(confirmed);
                    active = true;
                }
            }
        });
    }

    private static boolean servesSlots(RedisClusterNode node) {
        return node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.is(RedisClusterNode.NodeFlag.FAIL) && !node.getSlots().isEmpty();
    }

    /** Switches tracking off and on on one connection, and returns it with the server-side client id it has. */
    private CompletableFuture<Tracked> track(String nodeId, StatefulRedisConnection<byte[], byte[]> node) {
        node.async().clientTracking(TrackingArgs.Builder.enabled(false));
        return node.async().clientTracking(TrackingArgs.Builder.enabled().bcast().prefixes(StandardCharsets.UTF_8, rawPrefix))
                .thenCompose(on -> node.async().clientId())
                .thenApply(id -> new Tracked(nodeId, node, id))
                .toCompletableFuture();
    }

    /** Handles a push: {@code invalidate} with the keys written, or with null when the server flushed everything. */
    private void pushed(PushMessage message) {
        if (!"invalidate".equals(message.getType())) {
            return;
        }
        List<Object> content = message.getContent(StringCodec.UTF8::decodeKey);
        Object keys = content.size() > 1 ? content.get(1) : null;
        if (!(keys instanceof List<?> written)) {
            invalidateAll.run();
            return;
        }
        for (Object key : written) {
            String raw = String.valueOf(key);
            if (raw.equals(redis.keys().raw(probeKey))) {
                probed.complete(null);
            } else if (raw.startsWith(rawPrefix) && raw.endsWith("}:v")) {
                invalidateKey.accept(raw.substring(rawPrefix.length(), raw.length() - 3));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        active = false;
        tracked = Map.of();
        StatefulConnection<byte[], byte[]> current = connection;
        connection = null;
        if (current != null) {
            current.close();
        }
    }
}
