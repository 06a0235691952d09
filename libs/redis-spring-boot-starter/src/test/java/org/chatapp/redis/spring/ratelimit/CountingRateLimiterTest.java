package org.chatapp.redis.spring.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The counts behind the meters: each decision counted once, by its answer. */
class CountingRateLimiterTest {

    @Test
    void tryAcquire_allowed_countsAnAllowedCall() {
        CountingRateLimiter limiter = new CountingRateLimiter(new ChatappRedisRateLimitAutoConfigurationTest.FixedAnswerRateLimiter(true));

        limiter.tryAcquire("user:1");
        limiter.tryAcquire("user:1", 2);

        assertThat(limiter.allowed()).isEqualTo(2);
        assertThat(limiter.refused()).isZero();
    }

    @Test
    void tryAcquireAsync_refused_countsARefusedCallOnceCompleted() {
        CountingRateLimiter limiter = new CountingRateLimiter(new ChatappRedisRateLimitAutoConfigurationTest.FixedAnswerRateLimiter(false));

        limiter.tryAcquireAsync("user:1").toCompletableFuture().join();

        assertThat(limiter.refused()).isEqualTo(1);
        assertThat(limiter.allowed()).isZero();
    }
}
