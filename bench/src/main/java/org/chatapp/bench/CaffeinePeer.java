package org.chatapp.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import org.chatapp.redis.cache.NearCacheOptions;

/**
 * Caffeine alone, the in-process cache the near cache is built on, as its users take it: bounded
 * in entries and age like the default near cache, read with {@code get(key, mappingFunction)}.
 * What a near-cache hit can cost at best; no Redis.
 */
final class CaffeinePeer implements CacheHitPeer {

    @Override
    public String name() {
        String version = Caffeine.class.getPackage().getImplementationVersion();
        return "Caffeine " + (version == null ? Versions.of("com.github.ben-manes.caffeine", "caffeine") : version) + " alone";
    }

    @Override
    public String setup() {
        NearCacheOptions bounds = NearCacheOptions.DEFAULT;
        return "`Caffeine.newBuilder().maximumSize(" + bounds.maxEntries() + ").expireAfterWrite(" + bounds.maxAge().toSeconds()
                + " s)`, the default near cache's bounds in entries and age, every key `put` first; "
                + "`get(key, mappingFunction)`, the function called only when an entry aged out (where the near cache "
                + "reads Redis again), returning the value; in this process only";
    }

    @Override
    public boolean measuresHits(Scenario.Operation operation) {
        return operation == Scenario.Operation.CACHE_NEAR_HIT;
    }

    @Override
    public CacheHitClient connect(Topology topology, List<String> keys, String value) {
        NearCacheOptions bounds = NearCacheOptions.DEFAULT;
        Cache<String, String> cache = Caffeine.newBuilder()
                .maximumSize(bounds.maxEntries())
                .expireAfterWrite(bounds.maxAge())
                .build();
        keys.forEach(key -> cache.put(key, value));
        return new CacheHitClient() {
            @Override
            public String get(String key) {
                // Once per key and maxAge, as the near cache then asks Redis: the source here is the value itself.
                return cache.get(key, absent -> value);
            }

            @Override
            public void close() {
                cache.invalidateAll();
            }
        };
    }
}
