package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisNode;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.chatapp.redis.local.TestKeyPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service's connections are killed every 200 ms while 8 threads send batches of writes whose
 * values are each written once: every command gets an outcome, and a write whose reply was lost is
 * reported as of unknown outcome and never applied twice.
 */
@ExtendWith(LocalRedisExtension.class)
class BatchReplayIT {

    private static final int THREADS = 8;
    private static final int BATCH = 64;
    private static final Duration RUN = Duration.ofSeconds(8);
    private static final Duration KILL_EVERY = Duration.ofMillis(200);

    @Test
    void standalone_connectionsKilledDuringBatches_noWriteLostSilentlyOrAppliedTwice(LocalRedisStandalone redis,
            TestKeyPrefix prefix) throws Exception {
        String clientName = "batch-replay-standalone";
        RedisOptions options = LocalTopologies.standalone(redis).keyPrefix(prefix.value()).clientName(clientName).build();
        assertNoWriteLostOrAppliedTwice(options, List.of(redis.node()), clientName);
    }

    @Test
    void cluster_connectionsKilledDuringBatches_noWriteLostSilentlyOrAppliedTwice(LocalRedisCluster cluster,
            TestKeyPrefix prefix) throws Exception {
        String clientName = "batch-replay-cluster";
        RedisOptions options = LocalTopologies.cluster(cluster).keyPrefix(prefix.value()).clientName(clientName).build();
        assertNoWriteLostOrAppliedTwice(options, cluster.nodes(), clientName);
    }

    private static void assertNoWriteLostOrAppliedTwice(RedisOptions options, List<LocalRedisNode> nodes, String clientName)
            throws Exception {
        Set<String> acknowledgedPushes = ConcurrentHashMap.newKeySet();
        LongAdder acknowledgedIncrements = new LongAdder();
        LongAdder unknownIncrements = new LongAdder();
        LongAdder unknown = new LongAdder();
        LongAdder failed = new LongAdder();
        LongAdder withoutOutcome = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder kills = new LongAdder();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1);
        try (RedisService redis = RedisService.create(options)) {
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                senders.add(CompletableFuture.runAsync(() -> {
                    for (int round = 0; running.get(); round++) {
                        RedisBatch batch = redis.batch();
                        List<String> values = new ArrayList<>();
                        List<BatchResult<Long>> pushes = new ArrayList<>();
                        List<BatchResult<Long>> increments = new ArrayList<>();
                        for (int i = 0; i < BATCH; i++) {
                            String value = thread + "-" + round + "-" + i;
                            values.add(value);
                            // Lists on several slots, one counter: redirects, several masters, one hot key.
                            pushes.add(batch.lists().pushLast("list:" + (i % 8), value));
                            increments.add(batch.incr("counter"));
                        }
                        batch.execute();
                        for (int i = 0; i < BATCH; i++) {
                            String value = values.get(i);
                            record(pushes.get(i), () -> acknowledgedPushes.add(value), unknown, failed, withoutOutcome);
                            record(increments.get(i), acknowledgedIncrements::increment, unknownIncrements, failed, withoutOutcome);
                        }
                    }
                }, threads));
            }
            CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
                long end = System.nanoTime() + RUN.toNanos();
                while (System.nanoTime() < end) {
                    nodes.forEach(node -> kills.add(ConnectionKills.killConnections(node, clientName)));
                    ConnectionKills.pause(KILL_EVERY);
                }
            }, threads);
            killer.get(RUN.plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
            running.set(false);
            CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            List<String> stored = new ArrayList<>();
            for (int list = 0; list < 8; list++) {
                stored.addAll(redis.lists().range("list:" + list, 0, -1));
            }
            long counter = Long.parseLong(redis.get("counter").orElse("0"));
            System.out.printf("batch replay %s: %d connections killed; %d pushes and %d INCRs acknowledged, %d INCRs and %d"
                    + " others of unknown outcome, %d failed; counter %d%n", options.mode(), kills.sum(), acknowledgedPushes.size(),
                    acknowledgedIncrements.sum(), unknownIncrements.sum(), unknown.sum(), failed.sum(), counter);

            assertThat(kills.sum()).as("connections killed").isPositive();
            assertThat(withoutOutcome.sum()).as("commands left without an outcome").isZero();
            assertThat(unknown.sum() + unknownIncrements.sum()).as("writes whose reply a kill cut off, so the run tested something")
                    .isPositive();
            assertThat(ConnectionKills.duplicates(stored)).as("list entries stored twice").isEmpty();
            Set<String> storedSet = new HashSet<>(stored);
            assertThat(acknowledgedPushes.stream().filter(value -> !storedSet.contains(value)).toList())
                    .as("acknowledged pushes missing from the lists").isEmpty();
            assertThat(counter).as("the counter against acknowledged INCRs and those of unknown outcome")
                    .isBetween(acknowledgedIncrements.sum(), acknowledgedIncrements.sum() + unknownIncrements.sum());
        } finally {
            running.set(false);
            threads.shutdownNow();
        }
    }

    private static void record(BatchResult<Long> result, Runnable onSuccess, LongAdder unknown, LongAdder failed,
            LongAdder withoutOutcome) {
        if (!result.isDone()) {
            withoutOutcome.increment();
            return;
        }
        RedisServiceException error = result.error().orElse(null);
        if (error == null) {
            onSuccess.run();
        } else if (error instanceof RedisOutcomeUnknownException) {
            unknown.increment();
        } else {
            failed.increment();
        }
    }
}
