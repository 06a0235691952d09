package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalRedisSentinelIT {

    @Test
    void start_sentinelsKnowMasterReplicaAndEachOther_thenFailOverAKilledMaster() {
        try (LocalRedisSentinel setup = LocalRedis.sentinel().masterName("chat").start()) {
            LocalRedisNode master = setup.master();
            LocalRedisNode replica = setup.replica();
            assertThat(setup.masterName()).isEqualTo("chat");
            assertThat(setup.dataNodes()).containsExactly(master, replica);
            assertThat(setup.sentinels()).hasSize(3);
            for (LocalRedisNode sentinel : setup.sentinels()) {
                assertThat(sentinel.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "chat"))
                        .isEqualTo(List.of("127.0.0.1", Integer.toString(master.port())));
                assertThat((List<?>) sentinel.command("SENTINEL", "SENTINELS", "chat")).hasSize(2);
                assertThat(sentinel.directory().resolve("sentinel.conf")).content().contains("sentinel myid");
            }
            List<Object> replies = master.commands(List.of(List.of("SET", "sentinel-it:key", "kept"), List.of("WAIT", "1", "5000")));
            assertThat(replies.get(1)).as("replicas that acknowledged the write").isEqualTo(1L);

            master.kill();
            LocalRedisNode promoted = setup.awaitFailover(master, Duration.ofSeconds(30));

            assertThat(promoted).isSameAs(replica);
            assertThat(setup.master()).isSameAs(replica);
            assertThat(setup.replica()).isSameAs(master);
            assertThat(promoted.command("GET", "sentinel-it:key")).isEqualTo("kept");
        }
    }

    @Test
    void aclUser_replicaAndSentinelsAuthenticate() {
        try (LocalRedisSentinel setup = LocalRedis.sentinel().sentinels(1).password("defaultpw").aclUser("app", "apppw").start()) {
            assertThat(setup.master().command("ACL", "WHOAMI")).isEqualTo("app");
            assertThat(setup.replica().info("replication")).contains("master_link_status:up");
            assertThat(setup.sentinels().get(0).command("SENTINEL", "REPLICAS", "mymaster")).asList().hasSize(1);
        }
    }
}
