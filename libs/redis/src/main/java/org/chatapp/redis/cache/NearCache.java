package org.chatapp.redis.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The decoded values of one cache held in this process (Caffeine), bounded in entries and bytes,
 * each for at most {@code maxAge}, and never past the time it was given. Inserts carry the
 * generation read before Redis was asked, and are dropped when any invalidation (own write,
 * announcement, reconnect) happened since, so a read that raced with a write never puts the older
 * value back.
 *
 * <p>A hit must cost little beyond Caffeine's own lookup, and a clock read costs as much as that
 * lookup. So an entry that may be held longer than {@code maxAge} is left to Caffeine, which drops
 * it at {@code maxAge} (its ticker runs on the service's clock): {@link #get} reads no clock for it.
 * Only an entry to end sooner (near its expiry) carries its end, checked against the clock.
 */
final class NearCache<V> {

    /** Held until Caffeine's {@code maxAge} ends it: no clock read on a hit. */
    private static final long UNTIL_MAX_AGE = Long.MAX_VALUE;
    /** Between computing an entry's end and Caffeine's write time (a GC pause, say): left to Caffeine only with this to spare. */
    private static final long MARGIN_MILLIS = 1000;

    /** A value (null for a cached "absent"), weighing its encoded size, held until {@code holdUntil} (epoch ms) or {@code maxAge}. */
    record Entry<V>(V value, int weight, long holdUntil) {
    }

    private final Cache<String, Entry<V>> entries;
    private final Clock clock;
    private final long maxAgeMillis;
    private final AtomicLong generation = new AtomicLong();

    /** {@code clock}: the service's; Caffeine ages entries by it, so {@code maxAge} and the entries' ends use one time. */
    NearCache(NearCacheOptions options, Clock clock) {
        long floor = Math.max(1, options.maxWeightBytes() / options.maxEntries());
        this.clock = clock;
        this.maxAgeMillis = options.maxAge().toMillis();
        boolean systemClock = Clock.systemUTC().withZone(clock.getZone()).equals(clock);
        this.entries = Caffeine.newBuilder()
                .maximumWeight(options.maxWeightBytes())
                .weigher((String key, Entry<V> entry) -> (int) Math.min(Integer.MAX_VALUE, Math.max(floor, entry.weight())))
                .expireAfterWrite(options.maxAge())
                .ticker(systemClock ? Ticker.systemTicker() : () -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /** An entry to hold until {@code holdUntil} (epoch ms, by the clock), or null when that has passed. */
    Entry<V> entry(V value, int weight, long holdUntil) {
        long left = holdUntil - clock.millis();
        if (left <= 0) {
            return null;
        }
        return new Entry<>(value, weight, left > maxAgeMillis + MARGIN_MILLIS ? UNTIL_MAX_AGE : holdUntil);
    }

    /** The entry held for the key, or null. */
    Entry<V> get(String key) {
        Entry<V> entry = entries.getIfPresent(key);
        if (entry == null || (entry.holdUntil() != UNTIL_MAX_AGE && clock.millis() >= entry.holdUntil())) {
            return null;
        }
        return entry;
    }

    /** Returns the generation to pass to {@link #put} for a read that starts now. */
    long generation() {
        return generation.get();
    }

    /** Holds an entry read or loaded since {@code generation}, unless something was invalidated meanwhile. */
    void put(String key, Entry<V> entry, long readAt) {
        if (entry == null || generation.get() != readAt) {
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
