package org.chatapp.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisNode;
import org.junit.jupiter.api.Test;

class MasterFailoverIT {   // breaks a node, so it starts a cluster of its own instead of sharing the extension's

    @Test
    void killedMaster_replicaPromoted_keepsTheAcknowledgedWrite() {
        try (LocalRedisCluster cluster = LocalRedis.cluster().nodeTimeout(Duration.ofSeconds(2)).start()) {
            LocalRedisNode master = cluster.masters().get(0);   // serves slots 0-5460; "title" is slot 2217
            List<Object> replies = master.commands(List.of(List.of("SET", "title", "General"), List.of("WAIT", "1", "5000")));
            assertThat(replies.get(1)).as("replicas that acknowledged the SET").isEqualTo(1L);

            master.kill();                                          // SIGKILL; also pause(), resume(), restart()
            LocalRedisNode promoted = cluster.awaitPromotion(master, Duration.ofSeconds(30));

            assertThat(promoted.command("GET", "title")).isEqualTo("General");
        }
    }
}
