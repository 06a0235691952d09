package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SetOptionsTest {

    @Test
    void ttlBelowOneMillisecond_fails() {
        assertThatIllegalArgumentException().isThrownBy(() -> SetOptions.always().withTtl(Duration.ZERO))
                .withMessage("ttl must be at least 1 ms, was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> SetOptions.always().withTtl(Duration.ofSeconds(-5)))
                .withMessage("ttl must be at least 1 ms, was PT-5S");
    }

    @Test
    void ttlAndKeepTtl_fail() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SetOptions(SetOptions.Condition.ALWAYS, Duration.ofSeconds(1), true))
                .withMessage("ttl PT1S and keepTtl are mutually exclusive");
    }
}
