package org.chatapp.redis.cache;

import java.util.Map;
import java.util.Set;

/**
 * Computes the values of many missed keys in one call to the source of truth.
 *
 * @param <V> the type of the values
 */
@FunctionalInterface
public interface BulkLoader<V> {

    /**
     * Returns the values of the keys the source has; a key left out (or mapped to {@code null}) is
     * absent, and cached as such for the cache's negative TTL when it has one. Keys that were not
     * asked for are ignored.
     *
     * @throws Exception when the source fails; the cache stores nothing and hands the failure on
     */
    Map<String, V> loadAll(Set<String> keys) throws Exception;
}
