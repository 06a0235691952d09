package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.chatapp.redis.StreamOperations.StreamEntry;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisNode;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.chatapp.redis.local.TestKeyPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service's connections are killed every 200 ms while 32 threads write values that are each
 * written once: a write whose reply was lost fails as of unknown outcome and is never applied twice.
 */
@ExtendWith(LocalRedisExtension.class)
class ReplayAfterReconnectIT {

    private static final int THREADS = 32;
    private static final Duration RUN = Duration.ofSeconds(10);
    private static final Duration KILL_EVERY = Duration.ofMillis(200);

    @Test
    void standalone_connectionsKilledDuringWrites_noWriteAppliedTwice(LocalRedisStandalone redis, TestKeyPrefix prefix)
            throws Exception {
        String clientName = "replay-it-standalone";
        RedisOptions options = LocalTopologies.standalone(redis).keyPrefix(prefix.value()).clientName(clientName).build();
        assertNoWriteAppliedTwice(options, List.of(redis.node()), clientName);
    }

    @Test
    void cluster_connectionsKilledDuringWrites_noWriteAppliedTwice(LocalRedisCluster cluster, TestKeyPrefix prefix)
            throws Exception {
        String clientName = "replay-it-cluster";
        RedisOptions options = LocalTopologies.cluster(cluster).keyPrefix(prefix.value()).clientName(clientName).build();
        assertNoWriteAppliedTwice(options, cluster.nodes(), clientName);
    }

    private static void assertNoWriteAppliedTwice(RedisOptions options, List<LocalRedisNode> nodes, String clientName)
            throws Exception {
        Outcomes pushes = new Outcomes();
        Outcomes streamAdds = new Outcomes();
        Outcomes increments = new Outcomes();
        Outcomes setIfAbsent = new Outcomes();
        Set<String> acknowledgedPushes = ConcurrentHashMap.newKeySet();
        Set<String> falseSetIfAbsent = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder kills = new LongAdder();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1);
        try (RedisService redis = RedisService.create(options)) {
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                writers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; running.get(); i++) {
                        String value = thread + "-" + i;
                        switch (i % 4) {
                            case 0 -> pushes.record(() -> redis.lists().pushLast("list", value), () -> acknowledgedPushes.add(value));
                            case 1 -> streamAdds.record(() -> redis.streams().add("stream", Map.of("v", value)), () -> { });
                            case 2 -> increments.record(() -> redis.incr("counter"), () -> { });
                            default -> setIfAbsent.record(() -> {
                                if (!redis.setIfAbsent("nx:" + value, value, Duration.ofMinutes(5))) {
                                    falseSetIfAbsent.add(value);
                                }
                            }, () -> { });
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
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            List<String> list = redis.lists().range("list", 0, -1);
            List<String> streamValues = redis.streams().range("stream", "-", "+", Integer.MAX_VALUE).stream()
                    .map(StreamEntry::fields).map(fields -> fields.get("v")).toList();
            long counter = Long.parseLong(redis.get("counter").orElse("0"));
            System.out.printf("replay %s: %d connections killed; RPUSH %s; XADD %s; INCR %s, counter %d; SET NX %s, %d false%n",
                    options.mode(), kills.sum(), pushes, streamAdds, increments, counter, setIfAbsent, falseSetIfAbsent.size());

            assertThat(kills.sum()).as("connections killed").isPositive();
            assertThat(pushes.unknown.sum() + streamAdds.unknown.sum() + increments.unknown.sum() + setIfAbsent.unknown.sum())
                    .as("writes whose reply a kill cut off, so the run tested something").isPositive();
            assertThat(ConnectionKills.duplicates(list)).as("list entries stored twice").isEmpty();
            assertThat(list).containsAll(acknowledgedPushes);
            assertThat(ConnectionKills.duplicates(streamValues)).as("stream entries stored twice").isEmpty();
            assertThat(counter).as("the counter against acknowledged INCRs (%s) and those of unknown outcome", increments)
                    .isBetween(increments.acknowledged.sum(), increments.acknowledged.sum() + increments.unknown.sum());
            assertThat(falseSetIfAbsent).as("SET NX answered false for the caller's own new key").isEmpty();
        } finally {
            running.set(false);
            threads.shutdownNow();
        }
    }

    /** How the calls of one kind ended. */
    private static final class Outcomes {

        final LongAdder acknowledged = new LongAdder();
        final LongAdder unknown = new LongAdder();
        final LongAdder failed = new LongAdder();
        final Set<String> failures = ConcurrentHashMap.newKeySet();

        void record(Runnable call, Runnable onSuccess) {
            try {
                call.run();
                acknowledged.increment();
                onSuccess.run();
            } catch (RedisOutcomeUnknownException e) {
                unknown.increment();
            } catch (RedisServiceException e) {
                failed.increment();
                if (failures.size() < 3) {
                    failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        }

        @Override
        public String toString() {
            return acknowledged.sum() + " acknowledged, " + unknown.sum() + " unknown, " + failed.sum() + " failed "
                    + failures;
        }
    }
}
