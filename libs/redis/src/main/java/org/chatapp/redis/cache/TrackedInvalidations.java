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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.chatapp.redis.RedisService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-assisted invalidation of one cache's near cache: a RESP3 connection of its own with
 * {@code CLIENT TRACKING ON BCAST PREFIX <service prefix>cache:{<name>:} on the server, or on every
 * master of a cluster, so Redis pushes an {@code invalidate} for every write, expiry or eviction of
 * the cache's keys, whoever made it (not only this library's announcements). Not Lettuce's
 * {@code ClientSideCaching} (deprecated). Tracking state lives in the server's connection: after a
 * reconnect or a topology change it is switched off and on again, and until the server confirmed
 * it the near cache takes no entries ({@link #active()} is false).
 */
final class TrackedInvalidations implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrackedInvalidations.class);
    private static final Duration START_WAIT = Duration.ofSeconds(2);

    private final RedisService redis;
    private final String rawPrefix;
    private final String probeKey;
    private final Consumer<String> invalidateKey;
    private final Runnable invalidateAll;
    private final CompletableFuture<Void> probed = new CompletableFuture<>();
    private volatile StatefulConnection<byte[], byte[]> connection;
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
            tracking.enable().get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
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

    /** Whether the server confirmed tracking since the last connection event: the near cache may take entries. */
    boolean active() {
        return active && !closed;
    }

    /**
     * Switches tracking off and on again on every master, without blocking (this runs on the event
     * bus): a connection that was reconnected lost it, and a newly promoted master never had it.
     */
    void restart() {
        active = false;
        invalidateAll.run();
        if (closed || connection == null) {
            return;
        }
        enable().whenComplete((done, error) -> {
            if (error != null) {
                log.warn("Restarting client tracking for prefix {} failed; the near cache stays off until the next connection event: {}",
                        rawPrefix, error.toString());
            }
        });
    }

    /** Sends {@code CLIENT TRACKING OFF} then {@code ON BCAST PREFIX} to every master; completes when all confirmed, then activates. */
    @SuppressWarnings("unchecked")
    private CompletableFuture<Void> enable() {
        StatefulConnection<byte[], byte[]> current = connection;
        List<CompletableFuture<String>> confirmations = new ArrayList<>();
        if (current instanceof StatefulRedisClusterConnection<?, ?> cluster) {
            StatefulRedisClusterConnection<byte[], byte[]> nodes = (StatefulRedisClusterConnection<byte[], byte[]>) cluster;
            for (RedisClusterNode node : nodes.getPartitions()) {
                if (node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.is(RedisClusterNode.NodeFlag.FAIL)) {
                    confirmations.add(nodes.getConnectionAsync(node.getNodeId()).thenCompose(this::track));
                }
            }
        } else {
            confirmations.add(track((StatefulRedisConnection<byte[], byte[]>) current));
        }
        return CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).thenRun(() -> {
            invalidateAll.run(); // Anything written while tracking was off went unnoticed.
            active = true;
        });
    }

    private CompletableFuture<String> track(StatefulRedisConnection<byte[], byte[]> node) {
        node.async().clientTracking(TrackingArgs.Builder.enabled(false));
        return node.async().clientTracking(TrackingArgs.Builder.enabled().bcast().prefixes(StandardCharsets.UTF_8, rawPrefix))
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
        StatefulConnection<byte[], byte[]> current = connection;
        connection = null;
        if (current != null) {
            current.close();
        }
    }
}
