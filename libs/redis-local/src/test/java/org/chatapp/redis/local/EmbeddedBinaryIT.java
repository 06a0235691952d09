package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Proves the fallback binary from the embedded-redis jar works, even where redis-server is installed. */
class EmbeddedBinaryIT {

    @Test
    void embedded_isExtractedOnceAndReportsItsVersion() {
        RedisServerBinary binary = RedisServerBinary.embedded();

        assertThat(binary.isEmbedded()).isTrue();
        assertThat(binary.path()).isExecutable();
        assertThat(binary.version()).startsWith("6.2.");
        assertThat(RedisServerBinary.embedded()).isSameAs(binary);
    }

    @Test
    void embedded_runsAStandaloneServer() {
        try (LocalRedisStandalone redis = LocalRedis.standalone().binary(RedisServerBinary.embedded()).start()) {
            assertThat(redis.node().info("server")).contains("redis_version:6.2.");
            assertThat(redis.node().command("SET", "k", "v")).isEqualTo("OK");
        }
    }

    @Test
    void embedded_formsAClusterWithAuth() {
        try (LocalRedisCluster cluster = LocalRedis.cluster().binary(RedisServerBinary.embedded())
                .replicasPerMaster(1).aclUser("app", "pw").nodeTimeout(Duration.ofSeconds(2)).start()) {
            assertThat(cluster.masters()).hasSize(3);
            assertThat(cluster.replicas()).hasSize(3);
            assertThat(cluster.nodes().get(0).info("server")).contains("redis_version:6.2.");
            assertThat(cluster.nodes().get(0).command("ACL", "WHOAMI")).isEqualTo("app");
        }
    }
}
