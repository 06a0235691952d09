package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class ClusterRedisServiceIT extends RedisServiceContract {

    private final LocalRedisCluster cluster;

    ClusterRedisServiceIT(LocalRedisCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    RedisOptions options(String keyPrefix) {
        return LocalTopologies.cluster(cluster).keyPrefix(keyPrefix).build();
    }

    @Test
    void hashTaggedKeys_shareASlotUnderThePrefix() {
        String prefix = redis().keyPrefix();

        long a = redis().getClient().clusterKeyslot(prefix + "{room1}:a");
        long b = redis().getClient().clusterKeyslot(prefix + "{room1}:b");

        assertThat(a).isEqualTo(b).isEqualTo(SlotHash.getSlot("room1"));
    }

    @Test
    void readFromReplica_readsAreServedByReplicas() {
        try (RedisService replicaReader = RedisService.create(LocalTopologies.cluster(cluster)
                .keyPrefix(redis().keyPrefix()).readFrom(ReadFrom.REPLICA).build())) {
            redis().set(key("a"), "v");
            long before = replicaGets();

            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> replicaReader.get(key("a")).isPresent());

            assertThat(replicaGets()).isGreaterThan(before);
        }
    }

    private long replicaGets() {
        long total = 0;
        for (LocalRedisNode replica : cluster.replicas()) {
            for (String line : replica.info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_get:")) {
                    total += Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(',')));
                }
            }
        }
        return total;
    }

    @Test
    void mset_keysLandOnEveryMaster() {
        Map<String, String> values = new HashMap<>();
        for (String name : manyKeysAcrossSlots(300)) {
            values.put(name, "v");
        }
        redis().mset(values);

        int total = 0;
        for (LocalRedisNode master : cluster.masters()) {
            // KEYS is fine here: a test server, a handful of keys, and it shows what one master holds.
            int held = ((List<?>) master.command("KEYS", redis().keyPrefix() + key("*"))).size();
            assertThat(held).as("keys on %s", master.address()).isPositive();
            total += held;
        }
        assertThat(total).isEqualTo(300);
    }

    @Test
    void scripts_keysInDifferentSlots_areRefusedBeforeSending() {
        RedisScript<Long> touch = RedisScript.returningLong("return redis.call('INCR', KEYS[1]) + redis.call('INCR', KEYS[2])");

        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> redis().scripts().run(touch, List.of(key("user:1"), key("user:2")), List.of()))
                .withMessageContaining("share one cluster slot").withMessageContaining(key("user:1")).withMessageContaining(key("user:2"));
        assertThat(redis().exists(key("user:1"), key("user:2"))).isZero();
    }
}
