package org.chatapp.bench;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.jcache.JCachingProvider;
import org.redisson.jcache.configuration.RedissonConfiguration;
import org.springframework.cache.jcache.JCacheCacheManager;

/**
 * Redisson's cache under Spring's {@code @Cacheable(sync = true)}, through its JCache provider and
 * Spring's {@code JCacheCacheManager}: Redisson's {@code RedissonSpringCacheManager} moved to the
 * {@code redisson-spring-cache} artifact in Redisson 4, which Maven Central does not serve for this
 * version. Both lock per key around the load (the JCache one in {@code invoke}, which Spring's
 * {@code JCacheCache.get(key, loader)} calls).
 */
final class RedissonJCacheStampedePeer implements StampedePeer {

    @Override
    public String name() {
        return "Redisson " + Versions.of("org.redisson", "redisson") + " JCache";
    }

    @Override
    public String setup() {
        return "per instance a `RedissonClient` (`Config` with `useSingleServer()`/`useClusterServers()`, defaults otherwise), "
                + "a JCache `CacheManager` of its `JCachingProvider` with the cache `createCache(\"" + SpringCaching.CACHE
                + "\", RedissonConfiguration.fromInstance(redisson, config))` (5 min expiry after creation), and an application "
                + "context with `@EnableCaching` and Spring's `JCacheCacheManager` over it; `@Cacheable(cacheNames = \""
                + SpringCaching.CACHE + "\", sync = true)`: `Cache.invoke` under Redisson's lock of the key. Redisson's own "
                + "`RedissonSpringCacheManager` is in `redisson-spring-cache`, not served by Maven Central for this version";
    }

    @Override
    public CacheInstance connect(Topology topology, Function<String, String> loader) {
        RedissonClient redisson = Redisson.create(RedissonPeer.config(topology));
        // A provider of its own per instance: a provider hands out one manager per class loader and URI,
        // and two instances in one process must not share it. Without a redisson-jcache.yaml the manager
        // opens no connection of its own; the cache runs on this instance's client.
        JCachingProvider provider = new JCachingProvider();
        try {
            CacheManager jcache = provider.getCacheManager();
            MutableConfiguration<Object, Object> configuration = new MutableConfiguration<>()
                    .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.MINUTES, 5)));
            Cache<Object, Object> cache = jcache.createCache(SpringCaching.CACHE, RedissonConfiguration.fromInstance(redisson, configuration));
            return SpringCaching.instance(new JCacheCacheManager(jcache), loader, () -> {
                cache.close();
                provider.close();
                redisson.shutdown();
            });
        } catch (RuntimeException e) {
            provider.close();
            redisson.shutdown();
            throw e;
        }
    }
}
