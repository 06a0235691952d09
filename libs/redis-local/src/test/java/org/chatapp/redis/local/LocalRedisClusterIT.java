package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks a healthy cluster; the tests here only read, so they share one cluster. */
class LocalRedisClusterIT {

    private static LocalRedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = LocalRedis.cluster().nodeTimeout(Duration.ofSeconds(2)).start();
    }

    @AfterAll
    static void closeCluster() {
        cluster.close();
    }

    @Test
    void start_everyNodeServesAllSlots() {
        assertThat(cluster.nodes()).hasSize(6);
        for (LocalRedisNode node : cluster.nodes()) {
            Map<String, String> info = LocalRedisNode.parseFields((String) node.command("CLUSTER", "INFO"));
            assertThat(info).containsEntry("cluster_state", "ok").containsEntry("cluster_slots_assigned", "16384")
                    .containsEntry("cluster_slots_ok", "16384").containsEntry("cluster_known_nodes", "6");
        }
    }

    @Test
    void roles_threeMastersWithOneReplicaEach() {
        assertThat(cluster.masters()).containsExactlyElementsOf(cluster.nodes().subList(0, 3));
        assertThat(cluster.replicas()).containsExactlyElementsOf(cluster.nodes().subList(3, 6));
        for (LocalRedisNode replica : cluster.replicas()) {
            assertThat(replica.info("replication")).contains("role:slave", "master_link_status:up");
        }
        for (LocalRedisNode master : cluster.masters()) {
            assertThat(master.info("replication")).contains("role:master", "connected_slaves:1");
        }
    }

    @Test
    void seedAddresses_allNodes() {
        assertThat(cluster.seedAddresses().split(",")).hasSize(6)
                .containsExactlyElementsOf(cluster.nodes().stream().map(LocalRedisNode::address).toList());
        assertThat(cluster.nodeTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void command_keyOnTheWrongMasterIsRedirected() {
        long slot = (Long) cluster.nodes().get(0).command("CLUSTER", "KEYSLOT", "cluster-it:key");
        List<LocalRedisNode> masters = cluster.masters();
        LocalRedisNode owner = masters.get((int) (slot * 3 / 16384));
        LocalRedisNode other = masters.stream().filter(node -> node != owner).findFirst().orElseThrow();

        assertThat(owner.command("SET", "cluster-it:key", "v")).isEqualTo("OK");
        assertThatThrownBy(() -> other.command("GET", "cluster-it:key"))
                .isInstanceOf(LocalRedisException.class).hasMessage("MOVED " + slot + " " + owner.address());
    }

    @Test
    void slotOf_agreesWithClusterKeyslot() {
        LocalRedisNode node = cluster.nodes().get(0);
        for (String key : List.of("123456789", "chat:room", "{user1000}.following", "{}user", "a{b}c{d}", "{open", "ключ{тег}")) {
            assertThat((long) SlotRange.slotOf(key)).as(key).isEqualTo(node.command("CLUSTER", "KEYSLOT", key));
        }
    }

    @Test
    void nodesConf_isInEachNodeDirectory() {
        for (LocalRedisNode node : cluster.nodes()) {
            assertThat(node.directory().resolve("nodes.conf")).isRegularFile();
            assertThat(node.logFile()).startsWith(node.directory());
        }
    }

    @Test
    void awaitHealthy_healthyClusterPassesAtOnce() {
        cluster.awaitHealthy(Duration.ofSeconds(5));
    }
}
