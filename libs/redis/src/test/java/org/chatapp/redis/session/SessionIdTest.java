package org.chatapp.redis.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionIdTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void random_parsesBackToItself() {
        SessionId id = SessionId.random("user-1", random);

        assertThat(SessionId.parse(id.text())).isEqualTo(id);
    }

    @Test
    void random_sameUser_sharesTheUserRefButNotTheSecret() {
        SessionId a = SessionId.random("user-1", random);
        SessionId b = SessionId.random("user-1", random);

        assertThat(a.userRef()).isEqualTo(b.userRef());
        assertThat(a.secret()).isNotEqualTo(b.secret());
    }

    @Test
    void userRef_bracesInTheUserId_neverReachTheHashTag() {
        assertThat(SessionId.userRef("}{weird}")).matches("[A-Za-z0-9_-]{16}");
    }

    @Test
    void parse_textOfAnotherShape_isNull() {
        assertThat(SessionId.parse("short")).isNull();
        assertThat(SessionId.parse("a".repeat(41))).isNull();
        assertThat(SessionId.parse("aaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaa}")).isNull();
    }

    @Test
    void toString_hidesTheSecret() {
        SessionId id = SessionId.random("user-1", random);

        assertThat(id.toString()).doesNotContain(id.secret());
    }

    @Test
    void sessionToString_hidesIdAndPayload() {
        Session<String> session = new Session<>("the-id", "user-1", "the-payload", Instant.EPOCH, Instant.EPOCH);

        assertThat(session.toString()).doesNotContain("the-id").doesNotContain("the-payload").contains("user-1");
    }
}
