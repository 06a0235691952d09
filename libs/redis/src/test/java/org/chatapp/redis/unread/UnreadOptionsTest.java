package org.chatapp.redis.unread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.chatapp.redis.InvalidRedisOptionException;
import org.junit.jupiter.api.Test;

class UnreadOptionsTest {

    @Test
    void defaults_areNinetyDaysUnderUnread() {
        assertThat(UnreadOptions.defaults()).isEqualTo(new UnreadOptions("unread", Duration.ofDays(90)));
    }

    @Test
    void invalidSettings_areRejectedNamingTheSettingAndValue() {
        assertThatThrownBy(() -> UnreadOptions.defaults().withRetention(Duration.ofMillis(-1)))
                .isInstanceOf(InvalidRedisOptionException.class)
                .hasMessage("unread.retention must be from 1 ms to 1000 years, was PT-0.001S");
        assertThatThrownBy(() -> UnreadOptions.defaults().withNamespace("un*read"))
                .isInstanceOf(InvalidRedisOptionException.class)
                .extracting(e -> ((InvalidRedisOptionException) e).setting()).isEqualTo("unread.namespace");
    }
}
