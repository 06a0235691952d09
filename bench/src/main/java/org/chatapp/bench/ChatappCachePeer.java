package org.chatapp.bench;

import java.time.Duration;
import java.util.List;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.cache.CacheOptions;
import org.chatapp.redis.cache.NearCacheOptions;
import org.chatapp.redis.cache.RedisCache;
import org.chatapp.redis.cache.RedisCaches;
import org.chatapp.redis.cache.TtlPolicy;

/**
 * This library's {@code RedisCache} read on hits as its users read it, {@code get(key, loader)}:
 * once with the near cache on (the near-cache rows), once without (the cache-aside rows).
 */
final class ChatappCachePeer implements CacheHitPeer {

    /** Longer than any benchmark, so that no entry expires or is refreshed early during the runs. */
    static final Duration TTL = Duration.ofHours(1);

    private final boolean near;

    private ChatappCachePeer(boolean near) {
        this.near = near;
    }

    /** The cache with the default near cache in front of Redis. */
    static ChatappCachePeer nearCache() {
        return new ChatappCachePeer(true);
    }

    /** The cache on Redis alone. */
    static ChatappCachePeer cacheAside() {
        return new ChatappCachePeer(false);
    }

    @Override
    public String name() {
        return near ? "chatapp RedisCache, near cache" : "chatapp RedisCache, near cache off";
    }

    @Override
    public String setup() {
        String common = "`RedisCaches.create(redis).cache(name, options)` on a `RedisService` with key prefix `" + Peers.PREFIX
                + "`, `ValueCodec.string()`, a fixed TTL of " + TTL.toHours() + " h (no entry expires or refreshes "
                + "early during the runs), every key `put` first; `get(key, loader)`, the loader never called";
        if (!near) {
            return common + "; no near cache: each call reads the entry from Redis (one GET) and decodes it";
        }
        NearCacheOptions defaults = NearCacheOptions.DEFAULT;
        return common + "; the default near cache (`NearCacheOptions.DEFAULT`: " + String.format("%,d", defaults.maxEntries())
                + " entries, " + defaults.maxWeightBytes() / (1024 * 1024) + " MiB, " + defaults.maxAge().toSeconds()
                + " s), which the warm-up fills";
    }

    @Override
    public boolean judged() {
        return true;
    }

    @Override
    public boolean measuresHits(Scenario.Operation operation) {
        return operation == (near ? Scenario.Operation.CACHE_NEAR_HIT : Scenario.Operation.CACHE_ASIDE_HIT);
    }

    @Override
    public CacheHitClient connect(Topology topology, List<String> keys, String value) {
        RedisService redis = RedisService.create(ChatappPeer.options(topology).build());
        RedisCaches caches = RedisCaches.create(redis);
        try {
            CacheOptions.Builder<String> options = CacheOptions.builder(ValueCodec.string()).ttl(TtlPolicy.fixed(TTL));
            if (near) {
                options.nearCache(NearCacheOptions.DEFAULT);
            }
            RedisCache<String> cache = caches.cache(near ? "bench-near" : "bench-aside", options.build());
            for (String key : keys) {
                cache.put(key, value);
            }
            return new CacheHitClient() {
                @Override
                public String get(String key) {
                    return cache.get(key, CacheHitPeer::missed).orElseThrow();
                }

                @Override
                public void close() {
                    caches.close();
                    redis.close();
                }
            };
        } catch (RuntimeException e) {
            caches.close();
            redis.close();
            throw e;
        }
    }
}
