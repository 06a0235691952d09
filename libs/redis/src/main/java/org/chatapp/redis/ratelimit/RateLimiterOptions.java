package org.chatapp.redis.ratelimit;

import java.time.Duration;
import org.chatapp.redis.InvalidRedisOptionException;

/**
 * A rate limiter's settings: its name, its policy and the clock it reads.
 *
 * @param name what the limiter protects, such as {@code login} or {@code api-per-user}: 1 to
 *        {@link #MAX_NAME_LENGTH} of the characters {@code A-Z a-z 0-9 . _ - :}. Limiters with the
 *        same name and the same kind of policy share their counts (every application instance
 *        should create its limiter with the same name); two limiters of a key that must count
 *        separately need two names
 * @param policy what is allowed per key
 * @param timeSource the clock windows and refills are judged by; {@link #DEFAULT_TIME_SOURCE} unless a test steps time
 */
public record RateLimiterOptions(String name, RateLimitPolicy policy, TimeSource timeSource) {

    /** The default clock: the Redis server's, so application instances never disagree about time. */
    public static final TimeSource DEFAULT_TIME_SOURCE = TimeSource.REDIS_SERVER;

    /**
     * How much longer than its state a key lives with {@link TimeSource#SERVICE_CLOCK}: 1 minute.
     * Keys expire by the server's clock, whatever the limiter reads; this grace keeps a host whose
     * clock is behind the server's (or a test clock that stands still) from seeing its counts
     * expire early. With {@link TimeSource#REDIS_SERVER} a key expires exactly when its state
     * would be empty.
     */
    public static final Duration SERVICE_CLOCK_EXPIRY_GRACE = Duration.ofMinutes(1);

    /** The longest name: 100 characters. */
    public static final int MAX_NAME_LENGTH = 100;

    private static final String NAME_CHARACTERS = "A-Z a-z 0-9 . _ - :";

    /**
     * Checks the settings.
     *
     * @throws InvalidRedisOptionException naming {@code name}, {@code policy} or {@code timeSource} and its value
     */
    public RateLimiterOptions {
        requireName(name);
        if (policy == null) {
            throw new InvalidRedisOptionException("policy", "policy must not be null");
        }
        if (timeSource == null) {
            throw new InvalidRedisOptionException("timeSource", "timeSource must not be null");
        }
    }

    /** Returns options with a name and a policy, reading {@link #DEFAULT_TIME_SOURCE}. */
    public static RateLimiterOptions of(String name, RateLimitPolicy policy) {
        return new RateLimiterOptions(name, policy, DEFAULT_TIME_SOURCE);
    }

    /** Returns a copy that reads another clock. */
    public RateLimiterOptions withTimeSource(TimeSource source) {
        return new RateLimiterOptions(name, policy, source);
    }

    /** Returns a copy with another policy (limiters of one name must keep one kind of policy to share counts). */
    public RateLimiterOptions withPolicy(RateLimitPolicy other) {
        return new RateLimiterOptions(name, other, timeSource);
    }

    private static void requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidRedisOptionException("name", "name must not be empty, was " + (name == null ? "null" : "''"));
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidRedisOptionException("name", "name must be at most " + MAX_NAME_LENGTH
                    + " characters, was " + name.length() + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            // Braces would make the name a hash tag and put every key of the limiter in one cluster slot.
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-' || c == ':';
            if (!allowed) {
                throw new InvalidRedisOptionException("name", "name may hold only " + NAME_CHARACTERS + ", was '" + name
                        + "' (character " + i + ")");
            }
        }
    }
}
