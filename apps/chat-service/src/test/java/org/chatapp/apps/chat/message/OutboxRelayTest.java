package org.chatapp.apps.chat.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {

    @Test
    void backoff_firstFailures_doubleFromOneSecond() {
        Duration max = Duration.ofSeconds(10);

        assertThat(OutboxRelay.backoff(1, max)).isEqualTo(Duration.ofSeconds(1));
        assertThat(OutboxRelay.backoff(2, max)).isEqualTo(Duration.ofSeconds(2));
        assertThat(OutboxRelay.backoff(4, max)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void backoff_manyFailures_staysAtTheMaximum() {
        Duration max = Duration.ofSeconds(10);

        assertThat(OutboxRelay.backoff(5, max)).isEqualTo(max);
        assertThat(OutboxRelay.backoff(1_000, max)).isEqualTo(max);
    }
}
