package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterAuthIT {

    @Test
    void passwordAndAclUser_requiredEverywhereAndUsedByReplicasAndCommand() throws IOException {
        try (LocalRedisCluster cluster = LocalRedis.cluster().password("default pw").aclUser("app", "app-pw")
                .nodeTimeout(Duration.ofSeconds(2)).start()) {
            for (LocalRedisNode node : cluster.nodes()) {
                assertThat(node.command("ACL", "WHOAMI")).isEqualTo("app");
                assertThatThrownBy(() -> anonymousPing(node)).hasMessageStartingWith("NOAUTH");
                assertThat(authenticatedPing(node, Credentials.password("default pw"))).isEqualTo("PONG");
                assertThat(authenticatedPing(node, Credentials.user("app", "app-pw"))).isEqualTo("PONG");
                assertThatThrownBy(() -> authenticatedPing(node, Credentials.user("app", "wrong")))
                        .hasMessageStartingWith("WRONGPASS");
            }
            for (LocalRedisNode replica : cluster.replicas()) {
                assertThat(replica.info("replication")).contains("master_link_status:up");
            }
        }
    }

    private static Object anonymousPing(LocalRedisNode node) throws IOException {
        return authenticatedPing(node, Credentials.NONE);
    }

    private static Object authenticatedPing(LocalRedisNode node, Credentials credentials) throws IOException {
        try (RespConnection connection = RespConnection.open(node.host(), node.port(), credentials,
                Duration.ofSeconds(1), Duration.ofSeconds(2))) {
            return connection.command(List.of("PING"));
        }
    }
}
