package org.chatapp.redis.ratelimit;

import java.time.Duration;
import org.chatapp.redis.InvalidRedisOptionException;

/**
 * What a {@link RateLimiter} allows per key: a {@link FixedWindow fixed window}, a
 * {@link SlidingWindow sliding window} or a {@link TokenBucket token bucket}. Every setting is
 * checked when the policy is made; an invalid one is an {@link InvalidRedisOptionException}
 * naming the setting and the value.
 */
public sealed interface RateLimitPolicy {

    /**
     * The longest window or refill period: 365 days. Times are whole milliseconds since the epoch
     * in the script's Lua numbers, exact up to 2^53; this keeps every sum of a time and a window
     * far below that.
     */
    Duration MAX_WINDOW = Duration.ofDays(365);

    /** Returns the most permits one call may ask for: the limit, or the bucket's capacity. */
    int maxPermits();

    /** Returns a fixed-window policy: {@code limit} permits per window, windows aligned to the epoch. */
    static FixedWindow fixedWindow(int limit, Duration window) {
        return new FixedWindow(limit, window);
    }

    /** Returns a sliding-window policy: {@code limit} permits in any span of {@code window}. */
    static SlidingWindow slidingWindow(int limit, Duration window) {
        return new SlidingWindow(limit, window);
    }

    /**
     * Returns a token-bucket policy: bursts of up to {@code capacity} permits, refilled by
     * {@code refillTokens} every {@code refillPeriod}.
     */
    static TokenBucket tokenBucket(int capacity, int refillTokens, Duration refillPeriod) {
        return new TokenBucket(capacity, refillTokens, refillPeriod);
    }

    /**
     * At most {@code limit} permits per window, the windows aligned to the epoch (a 10 s window
     * runs from 00:00:00.000 to 00:00:09.999, then from 00:00:10.000), so every key of the limiter
     * starts a new window at the same instant. A caller may get {@code limit} permits at the end of
     * one window and {@code limit} more at the start of the next: use {@link SlidingWindow} where
     * that burst matters. One small hash per key.
     *
     * @param limit the permits per window, 1 or more
     * @param window the window's length, a whole number of milliseconds from 1 ms to {@link #MAX_WINDOW}
     */
    record FixedWindow(int limit, Duration window) implements RateLimitPolicy {

        /**
         * Checks the settings.
         *
         * @throws InvalidRedisOptionException naming {@code limit} or {@code window} and its value
         */
        public FixedWindow {
            requireAtLeastOne("limit", limit);
            requireWindow("window", window);
        }

        @Override
        public int maxPermits() {
            return limit;
        }
    }

    /**
     * At most {@code limit} permits in any span of {@code window}, exactly: every permit granted is
     * an entry of a sorted set scored by its time, and a permit counts until exactly one window after
     * it was granted. The set holds one entry per permit of the last window (about 100 bytes each
     * past 128 entries), hence {@link #MAX_LIMIT}; above it use a {@link TokenBucket}.
     *
     * @param limit the permits in any window, 1 to {@link #MAX_LIMIT}
     * @param window the window's length, a whole number of milliseconds from 1 ms to {@link RateLimitPolicy#MAX_WINDOW}
     */
    record SlidingWindow(int limit, Duration window) implements RateLimitPolicy {

        /** The largest limit: 10,000 permits, about 1 MB of log for a key at its limit. */
        public static final int MAX_LIMIT = 10_000;

        /**
         * Checks the settings.
         *
         * @throws InvalidRedisOptionException naming {@code limit} or {@code window} and its value
         */
        public SlidingWindow {
            requireAtLeastOne("limit", limit);
            if (limit > MAX_LIMIT) {
                throw new InvalidRedisOptionException("limit", "limit of a sliding window must be at most " + MAX_LIMIT
                        + " (its log holds one entry per permit; use a token bucket above that), was " + limit);
            }
            requireWindow("window", window);
        }

        @Override
        public int maxPermits() {
            return limit;
        }
    }

    /**
     * A bucket of up to {@code capacity} tokens, full at first, from which every permit takes one;
     * it gains {@code refillTokens} every {@code refillPeriod}, spread evenly over the period to the
     * millisecond. The level is kept in integers (tokens times the period in milliseconds), so
     * refills computed over many small steps add up to exactly what one big step gives: no drift.
     *
     * @param capacity the most tokens the bucket holds, the largest burst, 1 or more
     * @param refillTokens the tokens added per refill period, 1 or more
     * @param refillPeriod the period, a whole number of milliseconds from 1 ms to {@link RateLimitPolicy#MAX_WINDOW};
     *        {@code capacity} times the period in milliseconds must not exceed {@link #MAX_LEVEL}
     */
    record TokenBucket(int capacity, int refillTokens, Duration refillPeriod) implements RateLimitPolicy {

        /** The largest {@code capacity} x {@code refillPeriod} in milliseconds: 2^53, the integers a Lua number holds exactly. */
        public static final long MAX_LEVEL = 1L << 53;

        /**
         * Checks the settings.
         *
         * @throws InvalidRedisOptionException naming {@code capacity}, {@code refillTokens} or
         *         {@code refillPeriod} and its value
         */
        public TokenBucket {
            requireAtLeastOne("capacity", capacity);
            requireAtLeastOne("refillTokens", refillTokens);
            requireWindow("refillPeriod", refillPeriod);
            if ((double) capacity * refillPeriod.toMillis() > MAX_LEVEL) {
                throw new InvalidRedisOptionException("capacity", "capacity x refillPeriod in ms must be at most 2^53, was "
                        + capacity + " x " + refillPeriod.toMillis() + " ms");
            }
        }

        @Override
        public int maxPermits() {
            return capacity;
        }
    }

    private static void requireAtLeastOne(String setting, int value) {
        if (value < 1) {
            throw new InvalidRedisOptionException(setting, setting + " must be 1 or more, was " + value);
        }
    }

    private static void requireWindow(String setting, Duration value) {
        if (value == null) {
            throw new InvalidRedisOptionException(setting, setting + " must not be null");
        }
        if (value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(MAX_WINDOW) > 0) {
            throw new InvalidRedisOptionException(setting, setting + " must be from 1 ms to " + MAX_WINDOW.toDays()
                    + " days, was " + value);
        }
        if (value.toNanosPart() % 1_000_000 != 0) {
            throw new InvalidRedisOptionException(setting, setting + " must be a whole number of milliseconds, was " + value);
        }
    }
}
