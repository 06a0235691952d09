package org.chatapp.bench;

import java.util.List;
import org.chatapp.redis.RedisService;

/**
 * A plain {@code RedisService.get}, the reference of the cache-hit rows: what a read costs without
 * a cache library, on the same options as the caches' service.
 */
final class RedisServiceGetPeer implements CacheHitPeer {

    @Override
    public String name() {
        return "chatapp RedisService GET";
    }

    @Override
    public String setup() {
        return "`RedisService` with key prefix `" + Peers.PREFIX + "` and default options, every key `set` first; `get(key)`: "
                + "one GET, the value as a `String`";
    }

    @Override
    public boolean measuresHits(Scenario.Operation operation) {
        return operation == Scenario.Operation.CACHE_NEAR_HIT || operation == Scenario.Operation.CACHE_ASIDE_HIT;
    }

    @Override
    public CacheHitClient connect(Topology topology, List<String> keys, String value) {
        RedisService redis = RedisService.create(ChatappPeer.options(topology).build());
        try {
            keys.forEach(key -> redis.set(key, value));
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        return new CacheHitClient() {
            @Override
            public String get(String key) {
                return redis.get(key).orElseThrow(() -> new IllegalStateException("no value for key " + key));
            }

            @Override
            public void close() {
                redis.close();
            }
        };
    }
}
