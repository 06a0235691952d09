package org.chatapp.redis.cache;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * One named cache in Redis, created by {@link RedisCaches#cache(String, CacheOptions)}. Keys are the
 * caller's strings (any string, the empty one too); values go through the cache's codec. The
 * operations map onto Spring's {@code Cache}: {@code get(key)} on {@link #lookup}, {@code get(key,
 * loader)} (with {@code sync = true}) on {@link #get(String, CacheLoader)}, {@code put}, {@code evict},
 * {@code clear}. See the package documentation for what each promises and what a failover does.
 *
 * @param <V> the type of the values
 */
public interface RedisCache<V> {

    /** Returns the cache's name. */
    String name();

    /** Returns the cache's options. */
    CacheOptions<V> options();

    /**
     * Returns the cached value of a key; empty for a miss and for a cached "absent".
     *
     * @throws IllegalArgumentException when the key is null
     */
    Optional<V> get(String key);

    /**
     * Returns what the cache holds for a key: a miss, a cached "absent", or a value.
     *
     * @throws IllegalArgumentException when the key is null
     */
    CacheLookup<V> lookup(String key);

    /**
     * Returns the cached value of a key, or loads, caches and returns it on a miss: concurrent misses
     * in this process share one load, and across processes one of them loads while the others wait
     * for its value (at most the options' lease wait). A value close to expiry is refreshed in the
     * background first (XFetch); one past expiry within the stale-while-revalidate window is served
     * while it is refreshed. A loaded value over the size limit is returned and not cached.
     *
     * @return the value, or empty when the loader returned {@code null}
     * @throws IllegalArgumentException when the key or the loader is null
     * @throws CacheLoadException when the loader threw a checked exception (unchecked ones are rethrown as they are)
     */
    Optional<V> get(String key, CacheLoader<V> loader);

    /**
     * Returns the values of many keys: the hits in one round trip per slot, the misses in one call of
     * the bulk loader, whose values are then cached. Keys with no value (absent in Redis, cached as
     * "absent", or left out by the loader) are left out of the result. It reads Redis, not the near
     * cache, and takes no leases: concurrent {@code getAll}s missing the same keys may each load them.
     *
     * @throws IllegalArgumentException when the keys, a key or the loader is null
     * @throws CacheLoadException when the bulk loader threw a checked exception
     */
    Map<String, V> getAll(Collection<String> keys, BulkLoader<V> bulkLoader);

    /**
     * Caches a value, tagged by the options' tag function, and cancels any load of the key that is
     * under way (its older value is then not stored).
     *
     * @throws IllegalArgumentException when the key or value is null, or the encoded value is over the size limit
     */
    void put(String key, V value);

    /**
     * Records that a key has no value (Spring's {@code put(key, null)} with {@code allowNullValues}):
     * caches "absent" for the options' negative TTL, so that reads find it and loaders are not called,
     * and cancels any load of the key under way; other instances are told, as for {@link #put}.
     * Without negative caching (a negative TTL of zero) it evicts the key instead, so that no older
     * value outlives the caller's news that there is none.
     *
     * @throws IllegalArgumentException when the key is null
     */
    void putAbsent(String key);

    /**
     * Writes a value to the store first and caches it only once the store took it, so no reader sees
     * a value the store refused.
     *
     * @throws IllegalArgumentException when the key, value or writer is null, or the encoded value is over the size limit (checked before the store is written)
     * @throws CacheLoadException when the writer threw a checked exception; nothing was cached
     */
    void putThrough(String key, V value, StoreWriter<V> writer);

    /**
     * Removes a key's entry, and the lease of a load under way so that its older value is not stored;
     * other instances are told. Redis failures are thrown whatever the error policy: an invalidation
     * never reports a success it did not have.
     *
     * @return whether an entry was removed
     * @throws IllegalArgumentException when the key is null
     */
    boolean evict(String key);

    /**
     * Removes every entry tagged with a tag when it was stored, and the tag; other instances are told.
     *
     * @return how many entries were removed
     * @throws IllegalArgumentException when the tag is null
     */
    long evictTag(String tag);

    /**
     * Removes every key of this cache on every master (SCAN and UNLINK), never another cache's or
     * another service's; other instances are told.
     *
     * @return how many entries were removed (leases and tag sets are removed too, and not counted)
     * @throws org.chatapp.redis.RedisScanIncompleteException when some slots could not be scanned (the others were cleared)
     */
    long clear();

    /** Returns what the cache did so far. */
    CacheStats stats();
}
