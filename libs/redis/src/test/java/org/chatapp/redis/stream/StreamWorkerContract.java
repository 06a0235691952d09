package org.chatapp.redis.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.StreamOperations.StreamEntry;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.TestKeyPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link StreamWorker} against a real server, one subclass per topology. Each test has a key prefix
 * of its own; streams carry a hash tag so that the dead-letter stream shares their slot.
 */
@ExtendWith(LocalRedisExtension.class)
abstract class StreamWorkerContract {

    static final Duration AWAIT = Duration.ofSeconds(30);
    static final String STREAM = "{room:42}:events";
    static final String DEAD_LETTERS = STREAM + StreamWorkerOptions.DEFAULT_DEAD_LETTER_SUFFIX;

    /** Returns options for the topology under test. */
    abstract RedisOptions.Builder options();

    /** Returns the lines of {@code CLIENT LIST} of every node that holds data (each master of a cluster). */
    abstract List<String> clientList();

    RedisService service(TestKeyPrefix prefix) {
        return RedisService.create(options().keyPrefix(prefix.value()).build());
    }

    /** Options quick enough for a test: claims after half a second, looked for ten times a second. */
    static StreamWorkerOptions.Builder quick(String stream, String consumer) {
        return StreamWorkerOptions.builder(stream, "notifier").consumer(consumer).batchSize(10).maxDeliveries(3)
                .block(Duration.ofMillis(200)).claimMinIdle(Duration.ofMillis(500)).claimInterval(Duration.ofMillis(100))
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).shutdownTimeout(Duration.ofMillis(200));
    }

    static List<String> addNumbered(RedisService redis, String stream, int count) {
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            ids.add(redis.streams().add(stream, Map.of("n", Integer.toString(n))));
        }
        return ids;
    }

    /** What handlers saw: every delivery of each id, and the ids handled without an exception. */
    static final class Seen {
        final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        final Set<String> handled = ConcurrentHashMap.newKeySet();
        final Map<String, Long> lastCount = new ConcurrentHashMap<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        void delivered(StreamDelivery delivery) {
            deliveries.computeIfAbsent(delivery.id(), id -> new AtomicInteger()).incrementAndGet();
            lastCount.put(delivery.id(), delivery.deliveryCount());
            threads.add(Thread.currentThread().getName());
        }

        int maxDeliveriesOfOneId() {
            return deliveries.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
        }
    }

    @Test
    void handlerReturns_everyEntryHandledOnceAndAcknowledged(TestKeyPrefix prefix) {
        Seen seen = new Seen();
        try (RedisService redis = service(prefix);
                StreamWorker worker = StreamWorker.start(redis, quick(STREAM, "c1").build(), delivery -> {
                    seen.delivered(delivery);
                    seen.handled.add(delivery.id());
                })) {
            List<String> ids = addNumbered(redis, STREAM, 50);

            Awaitility.await().atMost(AWAIT).until(() -> seen.handled.containsAll(ids));

            assertThat(seen.maxDeliveriesOfOneId()).isEqualTo(1);
            assertThat(redis.streams().pendingCount(STREAM, "notifier")).isZero();
            Awaitility.await().atMost(AWAIT).until(() -> worker.stats().acked() == 50);
            assertThat(worker.stats().delivered()).isEqualTo(50);
            assertThat(seen.threads).allMatch(name -> name.startsWith("chatapp-stream-handler-c1"));
        }
    }

    @Test
    void consumerKilledMidBatch_anotherResumesItsPendingEntries_nothingLostAndThePoisonDeadLettered(TestKeyPrefix prefix)
            throws Exception {
        Seen seen = new Seen();
        try (RedisService redis = service(prefix)) {
            List<String> ids = addNumbered(redis, STREAM, 30);
            String poison = ids.get(7);
            CountDownLatch hung = new CountDownLatch(1);
            StreamWorker first = StreamWorker.start(redis, quick(STREAM, "first").build(), delivery -> {
                seen.delivered(delivery);
                if (delivery.id().equals(ids.get(4))) {
                    hung.countDown();
                    new CountDownLatch(1).await();   // hangs until the worker is killed (interrupted)
                }
                seen.handled.add(delivery.id());
            });
            Awaitility.await().atMost(AWAIT).until(() -> hung.getCount() == 0);
            first.close();   // mid-batch: entry 4 interrupted, 5 to 9 never started, all pending for "first"
            assertThat(seen.handled).containsExactlyInAnyOrderElementsOf(ids.subList(0, 4));

            try (StreamWorker second = StreamWorker.start(redis, quick(STREAM, "second").build(), delivery -> {
                seen.delivered(delivery);
                if (delivery.id().equals(poison)) {
                    throw new IllegalStateException("poison");
                }
                seen.handled.add(delivery.id());
            })) {
                Awaitility.await().atMost(AWAIT).until(() -> redis.streams().size(DEAD_LETTERS) == 1
                        && redis.streams().pendingCount(STREAM, "notifier") == 0);

                List<String> expected = new ArrayList<>(ids);
                expected.remove(poison);
                assertThat(seen.handled).as("nothing lost").containsExactlyInAnyOrderElementsOf(expected);
                assertThat(seen.maxDeliveriesOfOneId()).as("deliveries of one id").isLessThanOrEqualTo(3);
                assertThat(seen.deliveries.get(ids.get(4)).get()).as("the entry the killed consumer was handling").isEqualTo(2);
                assertThat(ids.subList(0, 4)).as("acknowledged by the killed consumer, never delivered again")
                        .allMatch(id -> seen.deliveries.get(id).get() == 1);
                StreamEntry deadLetter = redis.streams().range(DEAD_LETTERS, "-", "+", 10).get(0);
                assertThat(deadLetter.fields()).containsEntry(StreamWorker.DEAD_LETTER_ID, poison)
                        .containsEntry(StreamWorker.DEAD_LETTER_DELIVERIES, "3")
                        .containsEntry(StreamWorker.DEAD_LETTER_REASON, IllegalStateException.class.getName())
                        .containsEntry(StreamWorker.DEAD_LETTER_CONSUMER, "second").containsEntry("n", "7");
                assertThat(second.stats().claimed()).isGreaterThanOrEqualTo(6);
                assertThat(second.stats().deadLettered()).isEqualTo(1);
                assertThat(second.stats().failed()).isEqualTo(2);
            }
        }
    }

    @Test
    void restartedUnderTheSameName_resumesItsOwnPendingEntriesAtOnce(TestKeyPrefix prefix) {
        Seen seen = new Seen();
        // Claims only after an hour: what the restarted worker gets, it gets from its own pending list.
        StreamWorkerOptions options = quick(STREAM, "pod-1").claimMinIdle(Duration.ofHours(1)).build();
        try (RedisService redis = service(prefix)) {
            List<String> ids = addNumbered(redis, STREAM, 5);
            CountDownLatch hung = new CountDownLatch(1);
            StreamWorker first = StreamWorker.start(redis, options, delivery -> {
                if (delivery.id().equals(ids.get(2))) {
                    hung.countDown();
                    new CountDownLatch(1).await();
                }
                seen.handled.add(delivery.id());
            });
            Awaitility.await().atMost(AWAIT).until(() -> hung.getCount() == 0);
            first.close();

            try (StreamWorker restarted = StreamWorker.start(redis, options, delivery -> {
                seen.delivered(delivery);
                seen.handled.add(delivery.id());
            })) {
                Awaitility.await().atMost(AWAIT).until(() -> seen.handled.containsAll(ids));

                assertThat(seen.deliveries.keySet()).containsExactlyInAnyOrderElementsOf(ids.subList(2, 5));
                assertThat(seen.lastCount).containsEntry(ids.get(2), 2L);
                assertThat(restarted.stats().recovered()).isEqualTo(3);
                assertThat(restarted.stats().claimed()).isZero();
            }
        }
    }

    @Test
    void handlerFailsOnce_entryIsDeliveredAgainAndAcknowledged(TestKeyPrefix prefix) {
        Seen seen = new Seen();
        try (RedisService redis = service(prefix);
                StreamWorker worker = StreamWorker.start(redis, quick(STREAM, "c1").build(), delivery -> {
                    seen.delivered(delivery);
                    if (!delivery.isRedelivery()) {
                        throw new java.io.IOException("downstream unavailable");
                    }
                    seen.handled.add(delivery.id());
                })) {
            String id = redis.streams().add(STREAM, Map.of("n", "1"));

            Awaitility.await().atMost(AWAIT).until(() -> seen.handled.contains(id));

            assertThat(seen.lastCount).containsEntry(id, 2L);
            Awaitility.await().atMost(AWAIT).until(() -> redis.streams().pendingCount(STREAM, "notifier") == 0);
            assertThat(worker.stats().failed()).isEqualTo(1);
            assertThat(worker.stats().retried()).isEqualTo(1);
            assertThat(redis.streams().size(DEAD_LETTERS)).isZero();
        }
    }

    @Test
    void dedupeField_present_isTheDedupeKey_elseTheEntryId(TestKeyPrefix prefix) {
        Map<String, String> keys = new ConcurrentHashMap<>();
        try (RedisService redis = service(prefix);
                StreamWorker worker = StreamWorker.start(redis, quick(STREAM, "c1").dedupeField("eventId").build(),
                        delivery -> keys.put(delivery.id(), delivery.dedupeKey()))) {
            String withField = redis.streams().add(STREAM, Map.of("eventId", "evt-1", "n", "1"));
            String without = redis.streams().add(STREAM, Map.of("n", "2"));

            Awaitility.await().atMost(AWAIT).until(() -> keys.size() == 2);

            assertThat(keys).containsEntry(withField, "evt-1").containsEntry(without, without);
        }
    }

    @Test
    void trimmingMaxLength_boundsTheStreamsLength(TestKeyPrefix prefix) {
        try (RedisService redis = service(prefix);
                StreamWorker worker = StreamWorker.start(redis, quick(STREAM, "c1").trimming(StreamTrimming.maxLength(50)).build(),
                        delivery -> { })) {
            addNumbered(redis, STREAM, 1000);

            // Approximate: whole nodes of 100 entries go while at least 50 entries stay.
            Awaitility.await().atMost(AWAIT).until(() -> redis.streams().size(STREAM) < 150);

            assertThat(redis.streams().size(STREAM)).isGreaterThanOrEqualTo(50);
        }
    }

    @Test
    void trimmingMaxAge_removesEntriesOlderThanTheAgeByTheServicesClock(TestKeyPrefix prefix) {
        Clock dayLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(1));
        try (RedisService redis = RedisService.create(options().keyPrefix(prefix.value()).clock(dayLater).build());
                StreamWorker worker = StreamWorker.start(redis,
                        quick(STREAM, "c1").trimming(StreamTrimming.maxAge(Duration.ofHours(1))).build(), delivery -> { })) {
            addNumbered(redis, STREAM, 300);

            Awaitility.await().atMost(AWAIT).until(() -> redis.streams().size(STREAM) == 0);
        }
    }

    @Test
    void workerBlockedInARead_sharedConnectionStillAnswers(TestKeyPrefix prefix) {
        String name = "blocked-worker-" + System.nanoTime();
        try (RedisService redis = RedisService.create(options().keyPrefix(prefix.value()).clientName(name)
                .commandTimeout(Duration.ofSeconds(20)).build());
                StreamWorker worker = StreamWorker.start(redis, quick(STREAM, "c1").block(Duration.ofSeconds(8))
                        .claimInterval(Duration.ofSeconds(30)).build(), delivery -> { })) {
            redis.set("{room:42}:title", "General");
            Awaitility.await().atMost(AWAIT).until(() -> clientList().stream().anyMatch(line -> line.contains(" name=" + name + " ")
                    && line.contains(" cmd=xreadgroup ") && line.matches(".* flags=[A-Za-z]*b[A-Za-z]* .*")));
            long start = System.nanoTime();

            assertThat(redis.get("{room:42}:title")).contains("General");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void streamDeleted_workerCreatesTheGroupAgainAndGoesOn(TestKeyPrefix prefix) {
        Seen seen = new Seen();
        try (RedisService redis = service(prefix);
                StreamWorker worker = StreamWorker.start(redis, quick(STREAM, "c1").build(), delivery -> {
                    seen.delivered(delivery);
                    seen.handled.add(delivery.id());
                })) {
            String before = redis.streams().add(STREAM, Map.of("n", "1"));
            Awaitility.await().atMost(AWAIT).until(() -> seen.handled.contains(before));

            redis.del(STREAM);   // the group goes with the stream, as on a failover that lost its creation
            Awaitility.await().atMost(AWAIT).until(() -> worker.stats().readFailures() > 0);
            String after = redis.streams().add(STREAM, Map.of("n", "2"));

            Awaitility.await().atMost(AWAIT).until(() -> seen.handled.contains(after));
        }
    }

    @Test
    void deliveredTooOften_movedToDeadLettersWithoutBeingHandled(TestKeyPrefix prefix) {
        Seen seen = new Seen();
        try (RedisService redis = service(prefix)) {
            redis.streams().createGroup(STREAM, "notifier", "0");
            String id = redis.streams().add(STREAM, Map.of("n", "1"));
            // Three consumers that died while handling it (a handler that crashes the process, say).
            for (String dead : List.of("dead-1", "dead-2", "dead-3")) {
                redis.streams().readGroup(STREAM, "notifier", dead, 1);
                redis.streams().claim(STREAM, "notifier", dead, Duration.ZERO, id);
            }

            try (StreamWorker worker = StreamWorker.start(redis, quick(STREAM, "c1").claimMinIdle(Duration.ofMillis(1)).build(),
                    seen::delivered)) {
                Awaitility.await().atMost(AWAIT).until(() -> redis.streams().size(DEAD_LETTERS) == 1);

                assertThat(seen.deliveries).isEmpty();
                assertThat(redis.streams().range(DEAD_LETTERS, "-", "+", 1).get(0).fields())
                        .containsEntry(StreamWorker.DEAD_LETTER_REASON, "max-deliveries");
                assertThat(redis.streams().pendingCount(STREAM, "notifier")).isZero();
            }
        }
    }
}
