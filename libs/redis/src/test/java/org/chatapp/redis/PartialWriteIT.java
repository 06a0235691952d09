package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisNode;
import org.junit.jupiter.api.Test;

/** A write over three masters while one is dead: its report says what each key's part did, and the servers agree. */
class PartialWriteIT {

    private static final String PREFIX = "partial:";

    @Test
    void mset_oneOfThreeMastersDead_reportMatchesWhatIsStored() {
        try (LocalRedisCluster cluster = LocalRedis.cluster().replicasPerMaster(0).nodeTimeout(Duration.ofSeconds(2))
                        .config("cluster-require-full-coverage", "no").start();
                RedisService redis = RedisService.create(LocalTopologies.cluster(cluster).keyPrefix(PREFIX)
                        .commandTimeout(Duration.ofSeconds(2)).build())) {
            Map<String, String> before = new LinkedHashMap<>();
            Map<String, String> after = new LinkedHashMap<>();
            for (int i = 0; i < 30; i++) {
                before.put("k" + i, "old");
                after.put("k" + i, "new");
            }
            redis.mset(before);
            LocalRedisNode dead = cluster.nodes().get(1);
            List<String> onDeadMaster = new ArrayList<>();
            for (String key : after.keySet()) {
                long slot = SlotHash.getSlot(PREFIX + key);
                if ((Long) dead.command("CLUSTER", "COUNTKEYSINSLOT", Long.toString(slot)) > 0) {
                    onDeadMaster.add(key);
                }
            }
            assertThat(onDeadMaster).isNotEmpty().hasSizeLessThan(after.size());

            dead.kill();
            RedisPartialWriteException report = catchThrowableOfType(RedisPartialWriteException.class, () -> redis.mset(after));

            System.out.printf("partial mset: %d written, %d not written, %d unknown; %d keys on the dead master%n",
                    report.applied().size(), report.notApplied().size(), report.outcomeUnknown().size(), onDeadMaster.size());
            List<String> reported = new ArrayList<>(report.applied());
            reported.addAll(report.notApplied());
            reported.addAll(report.outcomeUnknown());
            assertThat(reported).containsExactlyInAnyOrderElementsOf(after.keySet());
            assertThat(report.applied()).isNotEmpty().doesNotContainAnyElementsOf(onDeadMaster);
            for (String key : report.applied()) {
                assertThat(redis.get(key)).as(key).contains("new");
            }
            for (String key : report.notApplied()) {
                assertThat(onDeadMaster).as("a key reported not written that a live master holds").contains(key);
            }
        }
    }
}
