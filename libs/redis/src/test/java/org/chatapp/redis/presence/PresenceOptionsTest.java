package org.chatapp.redis.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.chatapp.redis.InvalidRedisOptionException;
import org.junit.jupiter.api.Test;

class PresenceOptionsTest {

    @Test
    void defaults_areSixtySecondConnectionsThirtyDaysOfLastSeenFiveSecondTyping() {
        assertThat(PresenceOptions.defaults()).isEqualTo(
                new PresenceOptions("presence", Duration.ofSeconds(60), Duration.ofDays(30), Duration.ofSeconds(5)));
    }

    @Test
    void retentionShorterThanTheConnectionTtl_isRejected_soAnOnlineUserNeverLosesTheirKey() {
        assertThatThrownBy(() -> PresenceOptions.defaults().withLastSeenRetention(Duration.ofSeconds(30)))
                .isInstanceOf(InvalidRedisOptionException.class)
                .hasMessage("presence.lastSeenRetention must be at least presence.connectionTtl (PT1M), was PT30S");
    }

    @Test
    void invalidDurationsAndNamespaces_areRejectedNamingTheSetting() {
        assertSetting(() -> PresenceOptions.defaults().withConnectionTtl(Duration.ZERO), "presence.connectionTtl");
        assertSetting(() -> PresenceOptions.defaults().withTypingTtl(null), "presence.typingTtl");
        assertSetting(() -> PresenceOptions.defaults().withLastSeenRetention(Duration.ofDays(365L * 1001)), "presence.lastSeenRetention");
        assertSetting(() -> PresenceOptions.defaults().withNamespace("a b"), "presence.namespace");
    }

    private static void assertSetting(Runnable creation, String setting) {
        assertThatThrownBy(creation::run).isInstanceOf(InvalidRedisOptionException.class).hasMessageStartingWith(setting)
                .extracting(e -> ((InvalidRedisOptionException) e).setting()).isEqualTo(setting);
    }
}
