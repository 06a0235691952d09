package org.chatapp.redis.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.TestKeyPrefix;
import org.junit.jupiter.api.Test;

class ClusterStreamWorkerIT extends StreamWorkerContract {

    private final LocalRedisCluster cluster;

    ClusterStreamWorkerIT(LocalRedisCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    RedisOptions.Builder options() {
        return RedisOptions.builder().nodes(RedisNode.parseList(cluster.seedAddresses()));
    }

    @Override
    List<String> clientList() {
        return cluster.masters().stream()
                .flatMap(master -> Arrays.stream(((String) master.command("CLIENT", "LIST")).split("\r?\n")))
                .toList();
    }

    @Test
    void deadLetterStreamInAnotherSlot_poisonStillEndsThere(TestKeyPrefix prefix) {
        try (RedisService redis = service(prefix)) {
            String stream = "events";
            String deadLetters = "events" + StreamWorkerOptions.DEFAULT_DEAD_LETTER_SUFFIX;
            assertThat(redis.keys().slot(stream)).as("the test needs two slots").isNotEqualTo(redis.keys().slot(deadLetters));
            String poison = redis.streams().add(stream, Map.of("n", "1"));

            try (StreamWorker worker = StreamWorker.start(redis, quick(stream, "c1").maxDeliveries(2).build(), delivery -> {
                throw new IllegalStateException("poison");
            })) {
                Awaitility.await().atMost(AWAIT).until(() -> redis.streams().size(deadLetters) == 1
                        && redis.streams().pendingCount(stream, "notifier") == 0);

                assertThat(redis.streams().range(deadLetters, "-", "+", 1).get(0).fields())
                        .containsEntry(StreamWorker.DEAD_LETTER_ID, poison).containsEntry(StreamWorker.DEAD_LETTER_DELIVERIES, "2");
            }
        }
    }
}
