package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a WAIT proves, on a cluster of its own whose first replica is frozen for a moment (well
 * under the node timeout, so no failover starts).
 */
class ReplicaAcknowledgementIT {

    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(5);

    private static LocalRedisCluster cluster;
    private static LocalRedisNode master;
    private static LocalRedisNode replica;
    private static String key;

    @BeforeAll
    static void startCluster() {
        cluster = LocalRedis.cluster().nodeTimeout(NODE_TIMEOUT).start();
        master = cluster.nodes().get(0);
        replica = cluster.nodes().get(3);
        key = LocalRedisCluster.replicationCheckKey(new SlotRange(0, 5460)).replace("replication-check", "ack-it");
    }

    @AfterAll
    static void closeCluster() {
        cluster.close();
    }

    @AfterEach
    void resumeReplica() {
        if (replica.isPaused()) {
            replica.resume();
        }
        cluster.awaitHealthy(Duration.ofSeconds(30));
    }

    @Test
    void commands_writeThenWaitWhileTheReplicaIsPaused_countsNoReplica() {
        replica.pause();

        List<Object> replies = master.commands(List.of(List.of("SET", key, "v"), List.of("WAIT", "1", "300")));

        assertThat(replies.get(1)).isEqualTo(0L);
    }

    @Test
    void command_waitOnAConnectionOfItsOwnWhileTheReplicaIsPaused_countsItAnyway() {
        replica.pause();
        master.command("SET", key, "v");

        // The trap the failover test fell into: this WAIT has no write of its own connection to wait for.
        assertThat(master.command("WAIT", "1", "300")).isEqualTo(1L);
    }

    @Test
    void acknowledgedReplicas_replicaStreaming_countsIt() {
        assertThat(master.acknowledgedReplicas(key, 1, Duration.ofSeconds(5))).isEqualTo(1L);
        assertThat(master.command("EXISTS", key)).isEqualTo(0L);
    }

    @Test
    void acknowledgedReplicas_replicaPaused_countsNone() {
        replica.pause();

        assertThat(master.acknowledgedReplicas(key, 1, Duration.ofMillis(300))).isZero();
    }
}
