package org.chatapp.redis.cache;

import java.time.Duration;
import org.chatapp.redis.InvalidRedisOptionException;

/**
 * The in-process near cache in front of one Redis cache (Caffeine, an optional dependency that
 * must then be on the class path).
 *
 * @param maxEntries the most entries held
 * @param maxWeightBytes the most encoded bytes held (an entry weighs its encoded size, and at least
 *        {@code maxWeightBytes / maxEntries}, which is how both bounds hold at once)
 * @param maxAge the longest an entry is served from this process without asking Redis: the bound on
 *        staleness when an invalidation announcement is lost (the entry's own expiry applies too)
 */
public record NearCacheOptions(long maxEntries, long maxWeightBytes, Duration maxAge) {

    /** 10,000 entries, 64 MiB, 30 s. */
    public static final NearCacheOptions DEFAULT = new NearCacheOptions(10_000, 64L * 1024 * 1024, Duration.ofSeconds(30));

    /** Validates every setting, naming it and its value. */
    public NearCacheOptions {
        if (maxEntries < 1) {
            throw new InvalidRedisOptionException("nearCache.maxEntries", "nearCache.maxEntries must be at least 1, was " + maxEntries);
        }
        if (maxWeightBytes < maxEntries) {
            throw new InvalidRedisOptionException("nearCache.maxWeightBytes", "nearCache.maxWeightBytes must be at least maxEntries ("
                    + maxEntries + "), was " + maxWeightBytes);
        }
        if (maxAge == null || maxAge.isNegative() || maxAge.toMillis() < 1) {
            throw new InvalidRedisOptionException("nearCache.maxAge", "nearCache.maxAge must be at least 1 ms, was " + maxAge);
        }
    }
}
