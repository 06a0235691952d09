package org.chatapp.redis.ratelimit;

import java.time.Duration;

/**
 * A rate limiter's answer to one call.
 *
 * @param allowed whether the permits were granted (and counted)
 * @param remaining how many permits a call could still get now: after this call's when allowed,
 *        and what was left (fewer than asked) when refused
 * @param retryAfter zero when allowed; when refused, how long until the same call would be
 *        allowed, unless other callers take the permits first (a {@code Retry-After})
 * @param resetAfter how long until the key is back to its whole limit (a full bucket) if nobody
 *        calls meanwhile, which is when its key expires
 */
public record RateLimitDecision(boolean allowed, long remaining, Duration retryAfter, Duration resetAfter) {

    /**
     * Checks the answer.
     *
     * @throws IllegalArgumentException naming the component when {@code remaining} is negative, a
     *         duration is null or negative, or an allowed call carries a non-zero {@code retryAfter}
     */
    public RateLimitDecision {
        if (remaining < 0) {
            throw new IllegalArgumentException("remaining must be 0 or more, was " + remaining);
        }
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must be zero or positive, was " + retryAfter);
        }
        if (resetAfter == null || resetAfter.isNegative()) {
            throw new IllegalArgumentException("resetAfter must be zero or positive, was " + resetAfter);
        }
        if (allowed && !retryAfter.isZero()) {
            throw new IllegalArgumentException("retryAfter must be zero when allowed, was " + retryAfter);
        }
    }
}
