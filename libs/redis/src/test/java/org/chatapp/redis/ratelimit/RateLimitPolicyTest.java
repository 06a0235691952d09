package org.chatapp.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.chatapp.redis.InvalidRedisOptionException;
import org.junit.jupiter.api.Test;

class RateLimitPolicyTest {

    private static void assertInvalid(ThrowingCallable make, String setting, String messagePart) {
        assertThatThrownBy(make).isInstanceOfSatisfying(InvalidRedisOptionException.class,
                e -> assertThat(e.setting()).isEqualTo(setting)).hasMessageContaining(setting).hasMessageContaining(messagePart);
    }

    @Test
    void fixedWindow_limitBelowOne_namesLimitAndValue() {
        assertInvalid(() -> RateLimitPolicy.fixedWindow(0, Duration.ofSeconds(1)), "limit", "was 0");
    }

    @Test
    void fixedWindow_nullWindow_namesWindow() {
        assertInvalid(() -> RateLimitPolicy.fixedWindow(1, null), "window", "must not be null");
    }

    @Test
    void fixedWindow_windowBelowOneMillisecond_namesWindowAndValue() {
        assertInvalid(() -> RateLimitPolicy.fixedWindow(1, Duration.ofNanos(999_999)), "window", "was PT0.000999999S");
    }

    @Test
    void fixedWindow_windowWithAFractionOfAMillisecond_namesWindowAndValue() {
        assertInvalid(() -> RateLimitPolicy.fixedWindow(1, Duration.ofNanos(1_500_000)), "window", "whole number of milliseconds");
    }

    @Test
    void fixedWindow_windowLongerThanMax_namesWindowAndValue() {
        assertInvalid(() -> RateLimitPolicy.fixedWindow(1, RateLimitPolicy.MAX_WINDOW.plusMillis(1)), "window", "was PT8760H0.001S");
    }

    @Test
    void fixedWindow_negativeWindow_namesWindow() {
        assertInvalid(() -> RateLimitPolicy.fixedWindow(1, Duration.ofSeconds(-1)), "window", "was PT-1S");
    }

    @Test
    void fixedWindow_extremesWithinBounds_areAccepted() {
        assertThat(RateLimitPolicy.fixedWindow(Integer.MAX_VALUE, RateLimitPolicy.MAX_WINDOW).maxPermits()).isEqualTo(Integer.MAX_VALUE);
        assertThat(RateLimitPolicy.fixedWindow(1, Duration.ofMillis(1)).window()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void slidingWindow_limitAboveMax_namesLimitAndValue() {
        assertInvalid(() -> RateLimitPolicy.slidingWindow(RateLimitPolicy.SlidingWindow.MAX_LIMIT + 1, Duration.ofSeconds(1)),
                "limit", "was 10001");
    }

    @Test
    void slidingWindow_negativeLimit_namesLimitAndValue() {
        assertInvalid(() -> RateLimitPolicy.slidingWindow(-5, Duration.ofSeconds(1)), "limit", "was -5");
    }

    @Test
    void slidingWindow_zeroWindow_namesWindow() {
        assertInvalid(() -> RateLimitPolicy.slidingWindow(1, Duration.ZERO), "window", "was PT0S");
    }

    @Test
    void slidingWindow_limitAtMax_isAccepted() {
        assertThat(RateLimitPolicy.slidingWindow(RateLimitPolicy.SlidingWindow.MAX_LIMIT, Duration.ofSeconds(1)).maxPermits())
                .isEqualTo(10_000);
    }

    @Test
    void tokenBucket_capacityBelowOne_namesCapacity() {
        assertInvalid(() -> RateLimitPolicy.tokenBucket(0, 1, Duration.ofSeconds(1)), "capacity", "was 0");
    }

    @Test
    void tokenBucket_refillTokensBelowOne_namesRefillTokens() {
        assertInvalid(() -> RateLimitPolicy.tokenBucket(1, 0, Duration.ofSeconds(1)), "refillTokens", "was 0");
    }

    @Test
    void tokenBucket_nullRefillPeriod_namesRefillPeriod() {
        assertInvalid(() -> RateLimitPolicy.tokenBucket(1, 1, null), "refillPeriod", "must not be null");
    }

    @Test
    void tokenBucket_capacityTimesPeriodBeyondExactIntegers_namesCapacity() {
        assertInvalid(() -> RateLimitPolicy.tokenBucket(Integer.MAX_VALUE, 1, Duration.ofDays(365)), "capacity",
                "was 2147483647 x 31536000000 ms");
    }

    @Test
    void tokenBucket_capacityTimesPeriodAtTheBound_isAccepted() {
        // 2^53 = 2^20 tokens x 2^33 ms (about 99 days)
        assertThat(RateLimitPolicy.tokenBucket(1 << 20, 1, Duration.ofMillis(1L << 33)).maxPermits()).isEqualTo(1 << 20);
    }
}
