package org.chatapp.apps.auth.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.ratelimit.RateLimitDecision;
import org.chatapp.redis.ratelimit.RateLimiter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Limits failed logins per user name and per client address, each with a rate limiter of the
 * library ({@code login-username}, {@code login-address}, shared by every instance). A failure that
 * goes over either limit blocks that user name or that address until the limiter's window ends: from
 * then on every login for it is answered 429 with {@code Retry-After} before its password is checked,
 * so a storm costs no BCrypt work. Only failures are counted: a user who logs in often is never held
 * up, and a storm from one address against other names touches neither this user's name nor this
 * user's address. A storm against the user's own name from anywhere does block that name (the price
 * of stopping a guesser who changes addresses); the limits are per minute, so the block is short.
 *
 * <p>A limiter only answers when it is asked for a permit, so the blocks are remembered beside it, in
 * keys {@value #BLOCKED}{@code <dimension>:<value>} holding when the block ends, which expire with it.
 * Redis failures reach the caller (a 503): logins need Redis for their token anyway.
 */
@Component
class LoginThrottle {

    static final String BLOCKED = "login-blocked:";

    private final RedisService redis;
    private final RateLimiter perUsername;
    private final RateLimiter perAddress;
    private final Clock clock;

    LoginThrottle(RedisService redis, @Qualifier("login-username") RateLimiter perUsername,
            @Qualifier("login-address") RateLimiter perAddress) {
        this.redis = redis;
        this.perUsername = perUsername;
        this.perAddress = perAddress;
        this.clock = redis.clock();
    }

    /**
     * Refuses a login while its user name or its address is blocked.
     *
     * @throws TooManyAttempts with the seconds until the later block ends
     */
    void checkAllowed(String username, String address) {
        long until = Math.max(blockedUntil(usernameKey(username)), blockedUntil(addressKey(address)));
        long left = until - clock.millis();
        if (left > 0) {
            throw new TooManyAttempts(seconds(left));
        }
    }

    /**
     * Counts a failed login against its user name and its address.
     *
     * @throws TooManyAttempts when this failure went over a limit: the name or address is blocked from now on
     */
    void recordFailure(String username, String address) {
        RateLimitDecision byUsername = perUsername.tryAcquire(usernameKey(username));
        RateLimitDecision byAddress = perAddress.tryAcquire(addressKey(address));
        Duration block = Duration.ZERO;
        if (!byUsername.allowed()) {
            block(usernameKey(username), byUsername.retryAfter());
            block = byUsername.retryAfter();
        }
        if (!byAddress.allowed()) {
            block(addressKey(address), byAddress.retryAfter());
            block = block.compareTo(byAddress.retryAfter()) >= 0 ? block : byAddress.retryAfter();
        }
        if (!block.isZero()) {
            throw new TooManyAttempts(seconds(block.toMillis()));
        }
    }

    private void block(String key, Duration retryAfter) {
        // At least a second: a refusal right at a window's end still gets a Retry-After of 1.
        Duration ttl = retryAfter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retryAfter;
        redis.set(BLOCKED + key, Long.toString(clock.millis() + ttl.toMillis()), ttl);
    }

    private long blockedUntil(String key) {
        Optional<String> until = redis.get(BLOCKED + key);
        try {
            return until.map(Long::parseLong).orElse(0L);
        } catch (NumberFormatException e) {
            return 0L; // not written by this class: no block
        }
    }

    private static String usernameKey(String username) {
        return "username:" + username;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    /** A 429 with {@code Retry-After}, answered by {@link TooManyAttemptsHandler}. */
    static final class TooManyAttempts extends RuntimeException {
        final long retryAfterSeconds;

        TooManyAttempts(long retryAfterSeconds) {
            super(null, null, false, false); // an answer, not a failure: no stack trace to fill
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }
}
