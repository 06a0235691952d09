package org.chatapp.redis.spring.cache;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.chatapp.redis.cache.RedisCache;
import org.chatapp.redis.cache.RedisCaches;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * Spring's {@link CacheManager} over {@link RedisCaches}. A cache is made on its first use, not at
 * startup, since making one subscribes to its announcements (a connection): the configured caches
 * with their settings, any other name with the defaults unless {@code dynamic} is off.
 * {@link #getCacheNames()} lists the caches made so far.
 */
final class SpringRedisCaches implements CacheManager {

    private final RedisCaches caches;
    private final ConfiguredCaches configured;
    private final Map<String, SpringRedisCache> made = new ConcurrentHashMap<>();
    private final List<Consumer<SpringRedisCache>> listeners = new CopyOnWriteArrayList<>();

    SpringRedisCaches(RedisCaches caches, ConfiguredCaches configured) {
        this.caches = caches;
        this.configured = configured;
    }

    /**
     * Returns the cache of a name, made on the first call.
     *
     * @return the cache, or null when the name is not configured and caches are not made on demand
     * @throws IllegalArgumentException when the name is not 1 to 100 letters, digits, {@code . _ -}
     */
    @Override
    public Cache getCache(String name) {
        SpringRedisCache cache = made.get(name);
        if (cache != null) {
            return cache;
        }
        ConfiguredCaches.Settings settings = configured.settingsOf(name);
        if (settings == null) {
            return null;
        }
        synchronized (this) {
            cache = made.get(name);
            if (cache == null) {
                RedisCache<Object> redisCache = caches.cache(name, settings.options());
                cache = new SpringRedisCache(redisCache, settings.allowNullValues());
                made.put(name, cache);
                for (Consumer<SpringRedisCache> listener : listeners) {
                    listener.accept(cache);
                }
            }
            return cache;
        }
    }

    @Override
    public Collection<String> getCacheNames() {
        return Collections.unmodifiableSet(made.keySet());
    }

    /** Calls a listener for each cache made so far and for every one made later (the meters). */
    synchronized void onEachCache(Consumer<SpringRedisCache> listener) {
        made.values().forEach(listener);
        listeners.add(listener);
    }

    /** Returns the options-backed settings of the caches, for tests. */
    ConfiguredCaches configured() {
        return configured;
    }
}
