package org.chatapp.redis.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.chatapp.redis.InvalidRedisOptionException;
import org.chatapp.redis.idempotency.IdempotencyOutcome.Status;
import org.junit.jupiter.api.Test;

class IdempotencyOptionsTest {

    @Test
    void defaults_areASixtySecondLeaseAndSixtyFourKibResults() {
        assertThat(IdempotencyOptions.defaults()).isEqualTo(new IdempotencyOptions("idempotency", Duration.ofSeconds(60), 65_536));
    }

    @Test
    void invalidSettings_areRejectedNamingTheSettingAndValue() {
        assertThatThrownBy(() -> IdempotencyOptions.defaults().withLease(Duration.ofDays(2)))
                .isInstanceOf(InvalidRedisOptionException.class).hasMessage("idempotency.lease must be from 1 ms to 1 day, was PT48H");
        assertThatThrownBy(() -> IdempotencyOptions.defaults().withMaxResultBytes(-1))
                .isInstanceOf(InvalidRedisOptionException.class)
                .hasMessage("idempotency.maxResultBytes must be from 1 to 16777216, was -1");
        assertThatThrownBy(() -> IdempotencyOptions.defaults().withNamespace(null))
                .isInstanceOf(InvalidRedisOptionException.class)
                .extracting(e -> ((InvalidRedisOptionException) e).setting()).isEqualTo("idempotency.namespace");
    }

    @Test
    void outcome_inProgressWithAResultOrCompletedWithout_isRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new IdempotencyOutcome(Status.IN_PROGRESS, Optional.of("x")))
                .withMessage("result must be empty when status is IN_PROGRESS");
        assertThatIllegalArgumentException().isThrownBy(() -> new IdempotencyOutcome(Status.REPLAYED, Optional.empty()))
                .withMessage("result must be present when status is REPLAYED");
    }
}
