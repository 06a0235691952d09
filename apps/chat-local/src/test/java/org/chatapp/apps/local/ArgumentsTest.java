package org.chatapp.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void namesRedis_nodesGiven_isTrue() {
        assertThat(Arguments.parse("--chatapp.redis.nodes=10.0.0.1:7000").namesRedis()).isTrue();
    }

    @Test
    void namesRedis_nothingGiven_isFalse() {
        assertThat(Arguments.parse("--server.port=9000").namesRedis()).isFalse();
    }

    @Test
    void without_serverPort_dropsOnlyThatProperty() {
        assertThat(Arguments.parse("--server.port=9000", "--chatapp.redis.password=p", "plain").without("server.port"))
                .containsExactly("--chatapp.redis.password=p", "plain");
    }

    @Test
    void toString_valuesThatMayBePasswords_areNotShown() {
        assertThat(Arguments.parse("--chatapp.redis.password=hunter2").toString()).doesNotContain("hunter2");
    }
}
