package org.chatapp.redis.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.RedisServiceException;
import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A master of the cluster is killed under a reader whose near cache holds every key. The replica
 * that takes over never had the reader's client tracking, so unless tracking is switched on again
 * on the new master, a write there would never reach the near cache: it would serve the old value
 * until the entry ages out. Each test runs its own 3x1 cluster, as it kills a node of it.
 */
class ClusterNearCacheFailoverIT {

    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);
    private static final int KEYS = 64;
    /** How long a write may take to reach the reader's near cache once the cluster is healthy again (50 ms is the promise without a failover). */
    private static final Duration SEEN_WITHIN = Duration.ofSeconds(1);

    private LocalRedisCluster cluster;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final String cacheName = "failover";
    private final List<String> keys = new ArrayList<>();

    @BeforeEach
    void startCluster() {
        cluster = LocalRedis.cluster().nodeTimeout(NODE_TIMEOUT).start();
        for (int i = 0; i < KEYS; i++) {
            keys.add("k" + i);
        }
    }

    @AfterEach
    void stopCluster() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        cluster.close();
    }

    @Test
    void nearCache_masterKilled_seesWritesToThePromotedMaster() throws Exception {
        RedisCache<String> reader = nearCache(ErrorPolicy.FAIL_OPEN);
        RedisCache<String> writer = nearCache(ErrorPolicy.FAIL_CLOSED); // its puts throw until they are stored
        keys.forEach(key -> writer.put(key, "v1"));
        RedisCacheContract.warmNear(reader, keys.toArray(String[]::new));

        failOverAMasterWhileReading(reader);
        // Once the writer's puts land again, every key is written anew, the killed master's among them.
        for (String key : keys) {
            putUntilAcknowledged(writer, key, "v2");
            await().pollInterval(Duration.ofMillis(5)).atMost(SEEN_WITHIN)
                    .untilAsserted(() -> assertThat(reader.get(key)).as("reader's value of " + key).contains("v2"));
        }
    }

    @Test
    void nearCache_masterKilled_servesInProcessAgainAfterTheFailover() throws Exception {
        RedisCache<String> reader = nearCache(ErrorPolicy.FAIL_OPEN);
        RedisCache<String> writer = nearCache(ErrorPolicy.FAIL_CLOSED);
        keys.forEach(key -> writer.put(key, "v1"));
        RedisCacheContract.warmNear(reader, keys.toArray(String[]::new));

        failOverAMasterWhileReading(reader);

        // Near hits again on every key, the promoted master's included: tracking is back on every master.
        RedisCacheContract.warmNear(reader, keys.toArray(String[]::new));
        assertThat(((DefaultRedisCache<String>) reader).tracked()).isTrue();
    }

    /**
     * Kills the master of one of the keys' slots while a thread reads every key through the near
     * cache, and returns once a replica has taken over and the cluster is healthy.
     */
    private void failOverAMasterWhileReading(RedisCache<String> reader) throws Exception {
        AtomicBoolean reading = new AtomicBoolean(true);
        CompletableFuture<Void> reads = CompletableFuture.runAsync(() -> {
            while (reading.get()) {
                // The reader fails open: while the killed master's slots have no master, these are misses.
                keys.forEach(reader::get);
            }
        });
        try {
            LocalRedisNode victim = masterOf(keys.get(0));
            victim.kill();
            cluster.awaitPromotion(victim, Duration.ofSeconds(30));
            cluster.awaitHealthy(Duration.ofSeconds(30));
        } finally {
            reading.set(false);
            reads.get(30, TimeUnit.SECONDS);
        }
    }

    private static void putUntilAcknowledged(RedisCache<String> cache, String key, String value) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptionsInstanceOf(RedisServiceException.class)
                .until(() -> {
                    cache.put(key, value);
                    return true;
                });
    }

    /** The master holding a key the writer stored: the only master that counts a key in its slot. */
    private LocalRedisNode masterOf(String key) {
        String rawKey = new CacheKeys(cacheName).entry(key);
        String slot = String.valueOf(cluster.masters().get(0).command("CLUSTER", "KEYSLOT", rawKey));
        return cluster.masters().stream()
                .filter(master -> ((Number) master.command("CLUSTER", "COUNTKEYSINSLOT", slot)).longValue() > 0)
                .findFirst().orElseThrow(() -> new IllegalStateException("no master holds " + rawKey));
    }

    private RedisCache<String> nearCache(ErrorPolicy errorPolicy) {
        RedisService redis = RedisService.create(RedisOptions.builder().nodes(RedisNode.parseList(cluster.seedAddresses())).build());
        RedisCaches caches = RedisCaches.create(redis);
        closing.add(redis);
        closing.add(caches);
        return caches.cache(cacheName, CacheOptions.builder(ValueCodec.string())
                .ttl(TtlPolicy.fixed(Duration.ofHours(1))).nearCache(NearCacheOptions.DEFAULT).errorPolicy(errorPolicy).build());
    }
}
