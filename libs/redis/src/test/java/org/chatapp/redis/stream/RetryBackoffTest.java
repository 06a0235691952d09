package org.chatapp.redis.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    private final RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void delay_firstFailure_isTheFirstPause() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void delay_furtherFailures_doubleEachTime() {
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(6)).isEqualTo(Duration.ofMillis(3200));
    }

    @Test
    void delay_manyFailures_stopsAtTheCeilingWithoutOverflowing() {
        assertThat(backoff.delay(7)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delay(Long.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void delay_noFailure_throws() {
        assertThatIllegalArgumentException().isThrownBy(() -> backoff.delay(0)).withMessage("failures must be at least 1, was 0");
    }
}
