package org.chatapp.redis.ratelimit;

import java.time.Duration;
import org.chatapp.redis.RedisService;

/** Creates {@link RateLimiter}s on a {@link RedisService}. */
public final class RateLimiters {

    private RateLimiters() {
    }

    /**
     * Returns a limiter with the given settings.
     *
     * @throws IllegalArgumentException when {@code redis} or {@code options} is null
     */
    public static RateLimiter create(RedisService redis, RateLimiterOptions options) {
        if (redis == null) {
            throw new IllegalArgumentException("redis must not be null");
        }
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        return new ScriptedRateLimiter(redis, options);
    }

    /**
     * Returns a limiter of {@code limit} permits per window, the windows aligned to the epoch
     * ({@link RateLimitPolicy.FixedWindow}), judged by the Redis server's clock.
     *
     * @throws org.chatapp.redis.InvalidRedisOptionException naming {@code name}, {@code limit} or {@code window} and its value
     * @throws IllegalArgumentException when {@code redis} is null
     */
    public static RateLimiter fixedWindow(RedisService redis, String name, int limit, Duration window) {
        return create(redis, RateLimiterOptions.of(name, RateLimitPolicy.fixedWindow(limit, window)));
    }

    /**
     * Returns a limiter of {@code limit} permits in any span of {@code window}
     * ({@link RateLimitPolicy.SlidingWindow}, an exact log), judged by the Redis server's clock.
     *
     * @throws org.chatapp.redis.InvalidRedisOptionException naming {@code name}, {@code limit} or {@code window} and its value
     * @throws IllegalArgumentException when {@code redis} is null
     */
    public static RateLimiter slidingWindow(RedisService redis, String name, int limit, Duration window) {
        return create(redis, RateLimiterOptions.of(name, RateLimitPolicy.slidingWindow(limit, window)));
    }

    /**
     * Returns a limiter allowing bursts of {@code capacity} permits, refilled by
     * {@code refillTokens} every {@code refillPeriod} ({@link RateLimitPolicy.TokenBucket}), judged
     * by the Redis server's clock.
     *
     * @throws org.chatapp.redis.InvalidRedisOptionException naming {@code name}, {@code capacity},
     *         {@code refillTokens} or {@code refillPeriod} and its value
     * @throws IllegalArgumentException when {@code redis} is null
     */
    public static RateLimiter tokenBucket(RedisService redis, String name, int capacity, int refillTokens, Duration refillPeriod) {
        return create(redis, RateLimiterOptions.of(name, RateLimitPolicy.tokenBucket(capacity, refillTokens, refillPeriod)));
    }
}
