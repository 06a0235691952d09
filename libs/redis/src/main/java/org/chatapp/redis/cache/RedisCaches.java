package org.chatapp.redis.cache;

import java.util.concurrent.Executor;
import org.chatapp.redis.RedisService;

/**
 * Named caches on a {@link RedisService}: one pub/sub connection for the load and invalidation
 * announcements of all of them, and the threads of background refreshes. Close it before the
 * service.
 */
public interface RedisCaches extends AutoCloseable {

    /** Creates the caches of a service, refreshing in the background on threads of their own. */
    static RedisCaches create(RedisService redis) {
        return DefaultRedisCaches.create(redis, null);
    }

    /**
     * Creates the caches of a service, refreshing in the background on the given executor
     * ({@code Runnable::run} refreshes on the caller's thread, for tests).
     */
    static RedisCaches create(RedisService redis, Executor refreshExecutor) {
        if (refreshExecutor == null) {
            throw new IllegalArgumentException("refreshExecutor must not be null");
        }
        return DefaultRedisCaches.create(redis, refreshExecutor);
    }

    /**
     * Returns the cache of that name, created with these options on the first call; later calls
     * with the same name return the same cache.
     *
     * @throws IllegalArgumentException when the name is not 1 to 100 letters, digits, {@code . _ -},
     *         when the options are null, or when a cache of that name exists with other options
     */
    <V> RedisCache<V> cache(String name, CacheOptions<V> options);

    /** Stops the background refreshes and closes the pub/sub connection; the caches then throw {@link IllegalStateException}. */
    @Override
    void close();
}
