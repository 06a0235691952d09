package org.chatapp.redis.cache;

/**
 * Writes one value to the source of truth, for {@link RedisCache#putThrough}.
 *
 * @param <V> the type of the values
 */
@FunctionalInterface
public interface StoreWriter<V> {

    /**
     * Stores the value; when this throws, the cache is left as it was.
     *
     * @throws Exception when the store refuses the value
     */
    void write(String key, V value) throws Exception;
}
