package org.chatapp.redis.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisNode;
import org.junit.jupiter.api.Test;

/** The master holding a worker's stream dies; the worker keeps retrying and goes on once a replica took over. */
class StreamWorkerFailoverIT {

    private static final String STREAM = "{room:42}:events";
    private static final Duration AWAIT = Duration.ofSeconds(60);

    @Test
    void masterOfTheStreamKilled_workerRetriesThenHandlesWhatIsAddedAfterThePromotion() {
        Set<String> handled = ConcurrentHashMap.newKeySet();
        try (LocalRedisCluster cluster = LocalRedis.cluster().nodeTimeout(Duration.ofSeconds(2)).start();
                RedisService redis = RedisService.create(RedisOptions.builder()
                        .nodes(RedisNode.parseList(cluster.seedAddresses())).keyPrefix("failover:").build());
                StreamWorker worker = StreamWorker.start(redis, StreamWorkerContract.quick(STREAM, "c1").build(),
                        delivery -> handled.add(delivery.id()))) {
            List<String> before = StreamWorkerContract.addNumbered(redis, STREAM, 20);
            Awaitility.await().atMost(AWAIT).until(() -> handled.containsAll(before));
            LocalRedisNode master = ownerOf(cluster, redis.keys().slot(STREAM));

            master.kill();
            Awaitility.await().atMost(AWAIT).until(() -> worker.stats().readFailures() > 0);
            cluster.awaitPromotion(master, Duration.ofSeconds(30));
            List<String> after = new CopyOnWriteArrayList<>();
            for (int n = 0; n < 20; n++) {
                Map<String, String> fields = Map.of("n", "after-" + n);
                // A producer retries through the failover; an add of unknown outcome may store a duplicate, which is fine here.
                Awaitility.await().atMost(AWAIT).ignoreExceptions().until(() -> after.add(redis.streams().add(STREAM, fields)));
            }

            Awaitility.await().atMost(AWAIT).until(() -> handled.containsAll(after));
            assertThat(worker.isRunning()).isTrue();
            Awaitility.await().atMost(AWAIT).until(() -> redis.streams().pendingCount(STREAM, "notifier") == 0);
        }
    }

    /** Returns the master that holds the slot: the only one that counts a key in it. */
    private static LocalRedisNode ownerOf(LocalRedisCluster cluster, int slot) {
        return cluster.masters().stream()
                .filter(master -> (Long) master.command("CLUSTER", "COUNTKEYSINSLOT", Integer.toString(slot)) > 0)
                .findFirst().orElseThrow();
    }
}
