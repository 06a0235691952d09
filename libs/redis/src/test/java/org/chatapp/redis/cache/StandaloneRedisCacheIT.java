package org.chatapp.redis.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.RedisServiceException;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class StandaloneRedisCacheIT extends RedisCacheContract {

    private final LocalRedisStandalone redis;

    StandaloneRedisCacheIT(LocalRedisStandalone redis) {
        this.redis = redis;
    }

    @Override
    RedisOptions.Builder options() {
        return RedisOptions.builder().host(redis.host()).port(redis.port());
    }

    @Test
    void get_redisDownFailOpen_servesFromTheLoaderAndCountsTheError() throws Exception {
        try (RedisService down = RedisService.create(unreachable());
                RedisCaches caches = RedisCaches.create(down)) {
            RedisCache<String> cache = caches.cache(cacheName, strings().build());

            assertThat(cache.get("k", key -> "from source")).contains("from source");
            assertThat(cache.get("k")).isEmpty();
            cache.put("k", "not stored");
            assertThat(cache.stats().errors()).isEqualTo(3);
            assertThat(cache.stats().loads()).isEqualTo(1);
        }
    }

    @Test
    void get_redisDownFailClosed_throwsTheServicesException() throws Exception {
        try (RedisService down = RedisService.create(unreachable());
                RedisCaches caches = RedisCaches.create(down)) {
            RedisCache<String> cache = caches.cache(cacheName, strings().errorPolicy(ErrorPolicy.FAIL_CLOSED).build());

            assertThatThrownBy(() -> cache.get("k", key -> "from source")).isInstanceOf(RedisServiceException.class);
            assertThatThrownBy(() -> cache.put("k", "v")).isInstanceOf(RedisServiceException.class);
        }
    }

    @Test
    void evict_redisDownFailOpen_stillThrows() throws Exception {
        try (RedisService down = RedisService.create(unreachable());
                RedisCaches caches = RedisCaches.create(down)) {
            RedisCache<String> cache = caches.cache(cacheName, strings().build());

            assertThatThrownBy(() -> cache.evict("k")).isInstanceOf(RedisServiceException.class);
            assertThatThrownBy(cache::clear).isInstanceOf(RedisServiceException.class);
        }
    }

    @Test
    void nearCache_afterAReconnect_holdsNothing() {
        RedisService redis = client();
        RedisCache<String> cache = caches(redis).cache(cacheName, nearStrings().build());
        String[] keys = new String[10];
        for (int i = 0; i < 10; i++) {
            keys[i] = "k" + i;
            cache.put(keys[i], "v");
        }
        warmNear(cache, keys);
        assertThat(((DefaultRedisCache<String>) cache).nearSize()).isEqualTo(10);

        client().getClient().clientKill(io.lettuce.core.KillArgs.Builder.typeNormal());
        client().getClient().clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());

        await().atMost(Duration.ofSeconds(5)).until(() -> ((DefaultRedisCache<String>) cache).nearSize() == 0);
        assertThat(cache.get("k1")).contains("v");
    }

    /** Options for a port nothing listens on, failing at once instead of queueing. */
    private static RedisOptions unreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return RedisOptions.builder().host("127.0.0.1").port(port).failFastWhenDisconnected(true)
                .connectTimeout(Duration.ofMillis(200)).build();
    }
}
