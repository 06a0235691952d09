package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    @Test
    void defaultPolicy_isTheSeeds_min50msTimesAttempt2s() {
        assertThat(ReconnectPolicy.DEFAULT.delay(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(ReconnectPolicy.DEFAULT.delay(10)).isEqualTo(Duration.ofMillis(500));
        assertThat(ReconnectPolicy.DEFAULT.delay(40)).isEqualTo(Duration.ofMillis(2000));
        assertThat(ReconnectPolicy.DEFAULT.delay(1_000_000)).isEqualTo(Duration.ofMillis(2000));
        assertThat(ReconnectPolicy.DEFAULT.delay(Long.MAX_VALUE)).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void withJitter_staysWithinTheFraction() {
        ReconnectPolicy policy = ReconnectPolicy.linearWithJitter(Duration.ofMillis(100), Duration.ofSeconds(1), 0.5);

        for (int i = 0; i < 200; i++) {
            assertThat(policy.delay(3)).isBetween(Duration.ofMillis(300), Duration.ofMillis(450));
        }
    }

    @Test
    void linear_invalid_fails() {
        assertThatIllegalArgumentException().isThrownBy(() -> ReconnectPolicy.linear(Duration.ZERO, Duration.ofSeconds(1)))
                .withMessage("reconnect step must be positive, was PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReconnectPolicy.linear(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .withMessageContaining("reconnect max must be at least the step");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReconnectPolicy.linearWithJitter(Duration.ofMillis(1), Duration.ofSeconds(1), 1.5))
                .withMessage("reconnect jitter must be between 0 and 1, was 1.5");
    }
}
