package org.chatapp.bench;

import java.util.function.Function;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.cache.CacheOptions;
import org.chatapp.redis.cache.RedisCache;
import org.chatapp.redis.cache.RedisCaches;

/**
 * This library's {@code RedisCache} under a stampede as its users take it: each instance its own
 * {@code RedisService} and {@code RedisCaches}, the same named cache with default options,
 * {@code get(key, loader)}.
 */
final class ChatappStampedePeer implements StampedePeer {

    private static final String CACHE = "bench-stampede";

    @Override
    public String name() {
        return "chatapp RedisCache";
    }

    @Override
    public String setup() {
        CacheOptions<String> defaults = CacheOptions.builder(ValueCodec.string()).build();
        return "per instance a `RedisService` with key prefix `" + Peers.PREFIX + "` and `RedisCaches.create(redis).cache(\"" + CACHE
                + "\", options)`, default options but `ValueCodec.string()` (lease " + defaults.leaseTime().toSeconds()
                + " s, poll " + defaults.pollInterval().toMillis() + " ms, no near cache); `get(key, loader)`: one load per "
                + "process (single flight), a lease in Redis across processes, waiters woken by the loader's announcement";
    }

    @Override
    public boolean judged() {
        return true;
    }

    @Override
    public CacheInstance connect(Topology topology, Function<String, String> loader) {
        RedisService redis = RedisService.create(ChatappPeer.options(topology).build());
        RedisCaches caches = RedisCaches.create(redis);
        RedisCache<String> cache;
        try {
            cache = caches.cache(CACHE, CacheOptions.builder(ValueCodec.string()).build());
        } catch (RuntimeException e) {
            caches.close();
            redis.close();
            throw e;
        }
        return new CacheInstance() {
            @Override
            public String get(String key) {
                return cache.get(key, loader::apply).orElseThrow(() -> new IllegalStateException("no value for " + key));
            }

            @Override
            public void close() {
                caches.close();
                redis.close();
            }
        };
    }
}
