package org.chatapp.redis.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatapp.redis.ClusterOptions;
import org.chatapp.redis.RedisClientListener;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class ClusterRedisCacheIT extends RedisCacheContract {

    private final LocalRedisCluster cluster;

    ClusterRedisCacheIT(LocalRedisCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    RedisOptions.Builder options() {
        return RedisOptions.builder().nodes(RedisNode.parseList(cluster.seedAddresses()));
    }

    @Test
    void nearCache_topologyRefreshesOfAHealthyCluster_keepItsEntries() {
        // Every topology refresh opens and closes a connection to each node; those are not the
        // tracking connection's, so they must not empty the near cache (at a 30 s period, it would be
        // emptied every 30 s; at a second's, after a failover, every second).
        RedisService redis = client(options -> options.clusterOptions(ClusterOptions.defaults().withTopologyRefreshPeriod(Duration.ofMillis(100))));
        AtomicInteger connectionsClosed = new AtomicInteger();
        redis.addListener(new RedisClientListener() {
            @Override
            public void disconnected(String address) {
                connectionsClosed.incrementAndGet();
            }
        });
        RedisCache<String> cache = caches(redis).cache(cacheName, nearStrings().build());
        // Written by a cache without a near cache, which announces no puts: an announcement of this
        // cache's own would arrive by pub/sub at any time and drop the entries warmed below.
        RedisCache<String> writer = caches(client()).cache(cacheName, strings().build());
        String[] keys = {"a", "b", "c", "d", "e", "f"};
        for (String key : keys) {
            writer.put(key, "v");
        }
        warmNear(cache, keys);
        long nearHits = cache.stats().nearHits();
        int closedBefore = connectionsClosed.get();

        await().atMost(Duration.ofSeconds(10)).until(() -> connectionsClosed.get() >= closedBefore + 6);

        for (String key : keys) {
            assertThat(cache.get(key)).contains("v");
        }
        assertThat(cache.stats().nearHits()).isEqualTo(nearHits + keys.length);
    }
}
