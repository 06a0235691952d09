package org.chatapp.redis.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.chatapp.redis.InvalidRedisOptionException;
import org.junit.jupiter.api.Test;

class SessionStoreOptionsTest {

    @Test
    void defaults_areOneHourSixtyFourKibAndNoEncryption() {
        SessionStoreOptions options = SessionStoreOptions.defaults();

        assertThat(options.namespace()).isEqualTo("session");
        assertThat(options.ttl()).isEqualTo(Duration.ofHours(1));
        assertThat(options.maxPayloadBytes()).isEqualTo(65_536);
        assertThat(options.encrypted()).isFalse();
    }

    @Test
    void withCopies_changeOneSettingEach() {
        SessionKeyring keyring = SessionKeyring.of("k1", new byte[16]);

        SessionStoreOptions options = SessionStoreOptions.defaults().withNamespace("sess").withTtl(Duration.ofMinutes(5))
                .withMaxPayloadBytes(100).withKeyring(keyring);

        assertThat(options).isEqualTo(new SessionStoreOptions("sess", Duration.ofMinutes(5), 100, keyring));
    }

    @Test
    void invalidSettings_areRejectedNamingTheSettingAndValue() {
        assertInvalid(() -> SessionStoreOptions.defaults().withTtl(Duration.ZERO), "session.ttl",
                "session.ttl must be from 1 ms to 1000 years, was PT0S");
        assertInvalid(() -> SessionStoreOptions.defaults().withTtl(null), "session.ttl",
                "session.ttl must be from 1 ms to 1000 years, was null");
        assertInvalid(() -> SessionStoreOptions.defaults().withMaxPayloadBytes(0), "session.maxPayloadBytes",
                "session.maxPayloadBytes must be from 1 to 16777216, was 0");
        assertInvalid(() -> SessionStoreOptions.defaults().withNamespace("{s}"), "session.namespace",
                "session.namespace must be 1 to 64 characters without braces, glob characters or whitespace, was '{s}'");
        assertInvalid(() -> SessionStoreOptions.defaults().withNamespace(""), "session.namespace",
                "session.namespace must be 1 to 64 characters without braces, glob characters or whitespace, was ''");
    }

    @Test
    void toString_showsTheKeyIdsOnly() {
        SessionStoreOptions options = SessionStoreOptions.defaults().withKeyring(SessionKeyring.of("k1", new byte[16]));

        assertThat(options.toString()).contains("keyring=SessionKeyring[current=k1, previous=[]]");
    }

    private static void assertInvalid(Runnable creation, String setting, String message) {
        assertThatThrownBy(creation::run).isInstanceOf(InvalidRedisOptionException.class).hasMessage(message)
                .extracting(e -> ((InvalidRedisOptionException) e).setting()).isEqualTo(setting);
    }
}
