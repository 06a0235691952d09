package org.chatapp.redis.ratelimit;

import java.util.concurrent.CompletionStage;

/**
 * Decides whether a caller, identified by a key such as a user id or an address, may go ahead:
 * each call is one atomic script on Redis that counts the permits it grants, so every application
 * instance sharing the limiter's name shares the counts. Create one with {@link RateLimiters}; it
 * is thread-safe and holds nothing of its own to close (it runs on its service).
 *
 * <p>A key is stored as {@code ratelimit:<kind>:<name>:<key>} under the service's prefix, where
 * {@code <kind>} is {@code fixed-window}, {@code sliding-window} or {@code token-bucket}; a hash tag
 * in the key ({@code {room:42}:user:1}) decides its cluster slot as usual.
 */
public interface RateLimiter {

    /** The longest key: 1024 bytes in UTF-8. */
    int MAX_KEY_BYTES = 1024;

    /**
     * Asks for one permit for a key.
     *
     * @throws IllegalArgumentException naming the key when it is null, empty or longer than {@link #MAX_KEY_BYTES}
     * @throws org.chatapp.redis.RedisServiceException when Redis does not answer, as any command
     *         of the service (a {@link org.chatapp.redis.RedisOutcomeUnknownException} when the
     *         reply was lost: the permit may have been counted)
     */
    RateLimitDecision tryAcquire(String key);

    /**
     * Asks for several permits for a key at once: all of them are granted, or none.
     *
     * @throws IllegalArgumentException naming the key when it is null, empty or longer than
     *         {@link #MAX_KEY_BYTES}, or naming {@code permits} when it is below 1 or above the
     *         policy's {@link RateLimitPolicy#maxPermits() maxPermits()} (it could never be granted)
     * @throws org.chatapp.redis.RedisServiceException when Redis does not answer, as {@link #tryAcquire(String)}
     */
    RateLimitDecision tryAcquire(String key, int permits);

    /**
     * Asks for one permit without waiting; the stage fails as {@link #tryAcquire(String)} would
     * throw, with an {@link IllegalArgumentException} for bad input. It completes on the
     * connection's event loop: chain async calls there, never blocking ones.
     */
    CompletionStage<RateLimitDecision> tryAcquireAsync(String key);

    /**
     * Asks for several permits without waiting; the stage fails as {@link #tryAcquire(String, int)}
     * would throw, with an {@link IllegalArgumentException} for bad input.
     */
    CompletionStage<RateLimitDecision> tryAcquireAsync(String key, int permits);

    /** Returns the limiter's settings. */
    RateLimiterOptions options();
}
