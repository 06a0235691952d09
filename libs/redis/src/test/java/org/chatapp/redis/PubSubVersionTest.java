package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PubSubVersionTest {

    @Test
    void majorVersion_infoServer_readsTheMajorVersion() {
        assertThat(DefaultPubSubConnection.majorVersion("# Server\r\nredis_version:7.0.15\r\nredis_git_sha1:0\r\n")).isEqualTo(7);
        assertThat(DefaultPubSubConnection.majorVersion("# Server\r\nredis_version:6.2.6\r\n")).isEqualTo(6);
        assertThat(DefaultPubSubConnection.majorVersion("# Server\r\nredis_version:10.1.0\r\n")).isEqualTo(10);
    }

    @Test
    void majorVersion_noVersionField_zero() {
        assertThat(DefaultPubSubConnection.majorVersion("# Server\r\n")).isZero();
        assertThat(DefaultPubSubConnection.majorVersion(null)).isZero();
    }
}
