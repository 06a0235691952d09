package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollingTest {

    @Test
    void await_returnsOnceTheProbePasses() {
        AtomicInteger calls = new AtomicInteger();

        String result = Polling.await("the third call", Duration.ofSeconds(5), () -> {
            if (calls.incrementAndGet() < 3) {
                throw new Polling.NotReady("call " + calls.get());
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);
    }

    @Test
    void await_timeoutNamesWhatAndTheLastObservation() {
        assertThatThrownBy(() -> Polling.await("the impossible", Duration.ofMillis(120), () -> {
            throw new LocalRedisException("node 127.0.0.1:1 refused");
        })).isInstanceOf(LocalRedisException.class)
                .hasMessage("Timed out after 120 ms waiting for the impossible; last observation: node 127.0.0.1:1 refused");
    }

    @Test
    void describe_durations() {
        assertThat(Polling.describe(Duration.ofMillis(300))).isEqualTo("300 ms");
        assertThat(Polling.describe(Duration.ofSeconds(20))).isEqualTo("20 s");
        assertThat(Polling.describe(Duration.ofMillis(1500))).isEqualTo("1.5 s");
    }
}
