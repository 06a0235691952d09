package org.chatapp.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitDecisionTest {

    @Test
    void new_negativeRemaining_namesRemaining() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitDecision(false, -1, Duration.ofMillis(1), Duration.ZERO))
                .withMessage("remaining must be 0 or more, was -1");
    }

    @Test
    void new_negativeRetryAfter_namesRetryAfter() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitDecision(false, 0, Duration.ofMillis(-1), Duration.ZERO))
                .withMessage("retryAfter must be zero or positive, was PT-0.001S");
    }

    @Test
    void new_nullResetAfter_namesResetAfter() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitDecision(true, 0, Duration.ZERO, null))
                .withMessage("resetAfter must be zero or positive, was null");
    }

    @Test
    void new_allowedWithARetryAfter_namesRetryAfter() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitDecision(true, 0, Duration.ofMillis(1), Duration.ZERO))
                .withMessage("retryAfter must be zero when allowed, was PT0.001S");
    }
}
