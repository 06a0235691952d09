package org.chatapp.redis.cache;

/**
 * Computes the value of one key on a miss, from the source of truth.
 *
 * @param <V> the type of the values
 */
@FunctionalInterface
public interface CacheLoader<V> {

    /**
     * Returns the key's value, or {@code null} when the source has none (cached as "absent" for the
     * cache's negative TTL when it has one).
     *
     * @throws Exception when the source fails; the cache stores nothing and hands the failure on
     */
    V load(String key) throws Exception;
}
