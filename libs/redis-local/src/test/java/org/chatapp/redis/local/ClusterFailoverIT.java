package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Breaks masters on purpose; each test starts a cluster of its own because it changes the roles. */
class ClusterFailoverIT {

    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void killedMaster_replicaIsPromotedAndTheRestartedMasterRejoinsAsReplica() {
        try (LocalRedisCluster cluster = LocalRedis.cluster().nodeTimeout(Duration.ofSeconds(2)).start()) {
            LocalRedisNode master = cluster.masters().get(0);
            List<LocalRedisNode> formerReplicas = cluster.replicas();

            master.kill();
            LocalRedisNode promoted = cluster.awaitPromotion(master, FAILOVER_TIMEOUT);

            assertThat(formerReplicas).contains(promoted);
            assertThat(promoted.info("replication")).contains("role:master");
            assertThat(cluster.masters()).contains(promoted).doesNotContain(master).hasSize(3);

            master.restart();
            cluster.awaitHealthy(FAILOVER_TIMEOUT);

            assertThat(cluster.replicas()).contains(master);
            assertThat(master.info("replication")).contains("role:slave", "master_port:" + promoted.port());
        }
    }

    @Test
    void pausedMaster_replicaIsPromotedAndTheResumedMasterFollowsIt() {
        try (LocalRedisCluster cluster = LocalRedis.cluster().nodeTimeout(Duration.ofSeconds(2)).start()) {
            LocalRedisNode master = cluster.nodes().get(1);
            LocalRedisNode replica = cluster.nodes().get(4);
            String key = keyServedBy(cluster, master);
            // WAIT counts acknowledgements of its own connection's writes, so it must share the SET's.
            List<Object> replies = master.commands(List.of(List.of("SET", key, "kept"), List.of("WAIT", "1", "5000")));
            assertThat(replies.get(1)).as("replicas that acknowledged the write").isEqualTo(1L);

            master.pause();
            LocalRedisNode promoted = cluster.awaitPromotion(master, FAILOVER_TIMEOUT);

            assertThat(promoted).isSameAs(replica);
            assertThat(promoted.command("GET", key)).as("the acknowledged write on the promoted replica; %s",
                    describe(promoted)).isEqualTo("kept");

            master.resume();
            cluster.awaitHealthy(FAILOVER_TIMEOUT);

            assertThat(cluster.masters()).doesNotContain(master).contains(promoted);
            assertThat(cluster.replicas()).contains(master);
        }
    }

    private static String describe(LocalRedisNode node) {
        return node + " INFO replication:\n" + node.info("replication") + "\nCLUSTER NODES:\n" + node.command("CLUSTER", "NODES");
    }

    private static String keyServedBy(LocalRedisCluster cluster, LocalRedisNode master) {
        for (int i = 0; ; i++) {
            String key = "failover-it:" + i;
            long slot = (Long) master.command("CLUSTER", "KEYSLOT", key);
            if (cluster.nodes().indexOf(master) == slot * 3 / 16384) {
                return key;
            }
        }
    }
}
