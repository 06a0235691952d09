package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.Stream;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisNode;
import org.junit.jupiter.api.Test;

/** A scan of a cluster covers every slot, or fails naming the slots it could not cover. */
class ScanCoverageIT {

    @Test
    void scan_masterFailedWithNoReplicaToReplaceIt_failsNamingItsSlots() {
        // No replicas, and the survivors keep serving their own slots, so the dead master's slots stay uncovered.
        try (LocalRedisCluster cluster = LocalRedis.cluster().replicasPerMaster(0).nodeTimeout(Duration.ofSeconds(2))
                        .config("cluster-require-full-coverage", "no").start();
                RedisService redis = RedisService.create(LocalTopologies.cluster(cluster).keyPrefix("scan:").build())) {
            for (int i = 0; i < 300; i++) {
                redis.set("k" + i, "v");
            }
            try (Stream<String> all = redis.scan("k*")) {
                assertThat(all).hasSize(300);
            }
            LocalRedisNode victim = cluster.nodes().get(1);
            LocalRedisNode survivor = cluster.nodes().get(0);
            String victimSlots = ((String) victim.command("CLUSTER", "NODES")).lines()
                    .filter(line -> line.contains("myself")).findFirst().orElseThrow().split(" ")[8];

            victim.kill();
            await().atMost(Duration.ofSeconds(30)).until(() -> ((String) survivor.command("CLUSTER", "NODES"))
                    .lines().anyMatch(line -> line.contains(":" + victim.port() + "@") && line.contains("fail") && !line.contains("fail?")));

            assertThatThrownBy(() -> {
                try (Stream<String> keys = redis.scan("k*")) {
                    keys.forEach(key -> { });
                }
            }).isInstanceOfSatisfying(RedisScanIncompleteException.class,
                    e -> assertThat(e.slotRanges()).containsExactly(victimSlots));
        }
    }
}
