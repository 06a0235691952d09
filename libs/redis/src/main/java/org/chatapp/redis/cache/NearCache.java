package org.chatapp.redis.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The decoded values of one cache held in this process (Caffeine), bounded in entries and bytes,
 * each for at most {@code maxAge}. Inserts carry the generation read before Redis was asked, and
 * are dropped when any invalidation (own write, announcement, reconnect) happened since, so a read
 * that raced with a write never puts the older value back.
 */
final class NearCache<V> {

    /** A value (null for a cached "absent") with its logical expiry and load time, weighing its encoded size. */
    record Entry<V>(V value, long expiresAt, long deltaMillis, int weight) {
    }

    private final Cache<String, Entry<V>> entries;
    private final AtomicLong generation = new AtomicLong();

    NearCache(NearCacheOptions options) {
        long floor = Math.max(1, options.maxWeightBytes() / options.maxEntries());
        this.entries = Caffeine.newBuilder()
                .maximumWeight(options.maxWeightBytes())
                .weigher((String key, Entry<V> entry) -> (int) Math.min(Integer.MAX_VALUE, Math.max(floor, entry.weight())))
                .expireAfterWrite(options.maxAge())
                .build();
    }

    Entry<V> get(String key) {
        return entries.getIfPresent(key);
    }

    /** Returns the generation to pass to {@link #put} for a read that starts now. */
    long generation() {
        return generation.get();
    }

    /** Holds an entry read or loaded since {@code generation}, unless something was invalidated meanwhile. */
    void put(String key, Entry<V> entry, long readAt) {
        if (generation.get() != readAt) {
            return;
        }
        entries.put(key, entry);
        if (generation.get() != readAt) {
            entries.invalidate(key); // An invalidation overtook the insert.
        }
    }

    void invalidate(String key) {
        generation.incrementAndGet();
        entries.invalidate(key);
    }

    void invalidateAll() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
