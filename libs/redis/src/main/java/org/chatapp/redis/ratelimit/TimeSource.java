package org.chatapp.redis.ratelimit;

/** The clock a {@link RateLimiter} judges windows and refills by. */
public enum TimeSource {

    /**
     * The clock of the Redis server that holds the key, read by the script ({@code TIME}): every
     * application instance judges a key by the same clock, whatever the skew between their own.
     * After a failover that is the promoted replica's clock.
     */
    REDIS_SERVER,

    /**
     * The service's {@link org.chatapp.redis.RedisService#clock() clock()}
     * ({@link org.chatapp.redis.RedisOptions.Builder#clock(java.time.Clock)}), read by the caller
     * and sent with each call: for tests that step time to a window's edge, and only for deployments
     * whose hosts keep one time, since two instances whose clocks differ judge one key by two
     * clocks. Keys still expire by the server's clock, {@link RateLimiterOptions#SERVICE_CLOCK_EXPIRY_GRACE}
     * after their state would be empty.
     */
    SERVICE_CLOCK
}
