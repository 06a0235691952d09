package org.chatapp.redis.spring.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chatapp.redis.ratelimit.TimeSource;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the rate limiters, bound to {@code chatapp.redis.ratelimit.*}. */
@ConfigurationProperties(RateLimitProperties.PREFIX)
public class RateLimitProperties {

    /** Prefix of the properties. */
    public static final String PREFIX = "chatapp.redis.ratelimit";

    /** Whether a RateLimiter bean is made for each limiter under limiters. */
    private boolean enabled = true;

    /**
     * Rate limiters by name (login becomes the bean loginRateLimiter, qualified login), each with a
     * policy (fixed-window, the default; sliding-window; token-bucket), limit and window for the
     * windows, capacity, refill-tokens (the capacity when unset) and refill-period for the token
     * bucket, a time-source (redis-server, the default; service-clock) and a name (its name in Redis,
     * shared by every instance that counts with it; the map key when unset).
     */
    private Map<String, Limiter> limiters = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Map<String, Limiter> getLimiters() {
        return limiters;
    }

    public void setLimiters(Map<String, Limiter> limiters) {
        this.limiters = limiters;
    }

    /** The kinds of policy a limiter may follow. */
    public enum Policy {
        /** A counter per window, the windows aligned to the epoch: limit and window. */
        FIXED_WINDOW,
        /** An exact log of the permits of the last window: limit and window. */
        SLIDING_WINDOW,
        /** Bursts up to a capacity, refilled steadily: capacity, refill-tokens and refill-period. */
        TOKEN_BUCKET
    }

    /** One limiter's settings, under {@code chatapp.redis.ratelimit.limiters.<name>}. */
    public static class Limiter {

        /** Name of the limiter in Redis, shared by every instance that counts together; the map key when unset. */
        private String name;

        /** Kind of policy the limiter follows. */
        private Policy policy = Policy.FIXED_WINDOW;

        /** Permits per window (fixed and sliding window). */
        private Integer limit;

        /** Length of the window (fixed and sliding window). */
        private Duration window;

        /** Most tokens the bucket holds, the largest burst (token bucket). */
        private Integer capacity;

        /** Tokens added every refill period (token bucket); the capacity when unset. */
        private Integer refillTokens;

        /** Period over which refill-tokens are added, spread evenly (token bucket). */
        private Duration refillPeriod;

        /** Clock windows and refills are judged by: the Redis server's, or the service's clock. */
        private TimeSource timeSource = TimeSource.REDIS_SERVER;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Policy getPolicy() {
            return policy;
        }

        public void setPolicy(Policy policy) {
            this.policy = policy;
        }

        public Integer getLimit() {
            return limit;
        }

        public void setLimit(Integer limit) {
            this.limit = limit;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public Integer getCapacity() {
            return capacity;
        }

        public void setCapacity(Integer capacity) {
            this.capacity = capacity;
        }

        public Integer getRefillTokens() {
            return refillTokens;
        }

        public void setRefillTokens(Integer refillTokens) {
            this.refillTokens = refillTokens;
        }

        public Duration getRefillPeriod() {
            return refillPeriod;
        }

        public void setRefillPeriod(Duration refillPeriod) {
            this.refillPeriod = refillPeriod;
        }

        public TimeSource getTimeSource() {
            return timeSource;
        }

        public void setTimeSource(TimeSource timeSource) {
            this.timeSource = timeSource;
        }
    }
}
