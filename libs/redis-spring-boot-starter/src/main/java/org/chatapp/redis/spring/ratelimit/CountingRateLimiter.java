package org.chatapp.redis.spring.ratelimit;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.chatapp.redis.ratelimit.RateLimitDecision;
import org.chatapp.redis.ratelimit.RateLimiter;
import org.chatapp.redis.ratelimit.RateLimiterOptions;

/**
 * A limiter that counts its decisions, allowed and refused, for the meters: the library's limiter
 * keeps no counts of its own. Calls that fail (Redis unreachable, bad input) are not decisions and
 * are not counted. Counting costs one {@link LongAdder} increment per call.
 */
final class CountingRateLimiter implements RateLimiter {

    private final RateLimiter limiter;
    private final LongAdder allowed = new LongAdder();
    private final LongAdder refused = new LongAdder();

    CountingRateLimiter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public RateLimitDecision tryAcquire(String key) {
        return count(limiter.tryAcquire(key));
    }

    @Override
    public RateLimitDecision tryAcquire(String key, int permits) {
        return count(limiter.tryAcquire(key, permits));
    }

    @Override
    public CompletionStage<RateLimitDecision> tryAcquireAsync(String key) {
        return limiter.tryAcquireAsync(key).thenApply(this::count);
    }

    @Override
    public CompletionStage<RateLimitDecision> tryAcquireAsync(String key, int permits) {
        return limiter.tryAcquireAsync(key, permits).thenApply(this::count);
    }

    @Override
    public RateLimiterOptions options() {
        return limiter.options();
    }

    /** Returns how many calls were granted their permits. */
    long allowed() {
        return allowed.sum();
    }

    /** Returns how many calls were refused. */
    long refused() {
        return refused.sum();
    }

    private RateLimitDecision count(RateLimitDecision decision) {
        (decision.allowed() ? allowed : refused).increment();
        return decision;
    }

    @Override
    public String toString() {
        return "RateLimiter[" + limiter.options().name() + ", " + limiter.options().policy() + "]";
    }
}
