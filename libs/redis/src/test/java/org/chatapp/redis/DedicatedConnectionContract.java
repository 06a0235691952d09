package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.chatapp.redis.StreamOperations.ClaimedEntries;
import org.chatapp.redis.StreamOperations.StreamEntry;
import org.chatapp.redis.local.TestKeyPrefix;
import org.junit.jupiter.api.Test;

/**
 * {@link DedicatedConnection} against a real server, and the stream commands the workers use with
 * it ({@code XAUTOCLAIM}, {@code MINID} trimming); one subclass per topology.
 */
abstract class DedicatedConnectionContract {

    private static final Duration AWAIT = Duration.ofSeconds(20);

    /** Returns options for the topology under test. */
    abstract RedisOptions.Builder options();

    /** Returns the lines of {@code CLIENT LIST} of every node that holds data (each master of a cluster). */
    abstract List<String> clientList();

    private RedisService service(TestKeyPrefix prefix, String clientName) {
        return RedisService.create(options().keyPrefix(prefix.value()).clientName(clientName).build());
    }

    /** Whether a client of that name is blocked in that command right now, as the server sees it. */
    private boolean blockedIn(String clientName, String command) {
        return clientList().stream().anyMatch(line -> line.contains(" name=" + clientName + " ")
                && line.matches(".* flags=[A-Za-z]*b[A-Za-z]* .*") && line.contains(" cmd=" + command + " "));
    }

    private static String uniqueName(String test) {
        return test + "-" + System.nanoTime();
    }

    @Test
    void readGroup_entryAddedWhileBlocked_returnsIt(TestKeyPrefix prefix) throws Exception {
        String name = uniqueName("blocked-read");
        try (RedisService redis = service(prefix, name); DedicatedConnection reads = redis.connections().dedicated()) {
            redis.streams().createGroup("{s}:events", "g", "$");
            CompletableFuture<List<StreamEntry>> read = CompletableFuture.supplyAsync(
                    () -> reads.readGroup("{s}:events", "g", "c1", ">", 10, Duration.ofSeconds(10)));
            Awaitility.await().atMost(AWAIT).until(() -> blockedIn(name, "xreadgroup"));

            String id = redis.streams().add("{s}:events", Map.of("type", "message.created"));

            assertThat(read.get(5, TimeUnit.SECONDS)).containsExactly(new StreamEntry(id, Map.of("type", "message.created")));
        }
    }

    @Test
    void readGroup_blockLongerThanHalfTheCommandTimeout_waitsItOutWithoutTimingOut(TestKeyPrefix prefix) {
        try (RedisService redis = RedisService.create(options().keyPrefix(prefix.value())
                .commandTimeout(Duration.ofMillis(400)).build());
                DedicatedConnection reads = redis.connections().dedicated()) {
            redis.streams().createGroup("{s}:events", "g", "$");
            long start = System.nanoTime();

            List<StreamEntry> read = reads.readGroup("{s}:events", "g", "c1", ">", 10, Duration.ofMillis(1500));

            assertThat(read).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
            assertThat(reads.maxBlockPerCommand()).isEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void readGroup_whileBlocked_sharedConnectionStillAnswers(TestKeyPrefix prefix) {
        String name = uniqueName("shared-answers");
        try (RedisService redis = RedisService.create(options().keyPrefix(prefix.value()).clientName(name)
                .commandTimeout(Duration.ofSeconds(20)).build());
                DedicatedConnection reads = redis.connections().dedicated()) {
            redis.streams().createGroup("{s}:events", "g", "$");
            redis.set("{s}:title", "General");
            CompletableFuture.runAsync(() -> reads.readGroup("{s}:events", "g", "c1", ">", 10, Duration.ofSeconds(8)));
            Awaitility.await().atMost(AWAIT).until(() -> blockedIn(name, "xreadgroup"));
            long start = System.nanoTime();

            Optional<String> title = redis.get("{s}:title");

            assertThat(title).contains("General");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(blockedIn(name, "xreadgroup")).as("the read still blocks on its own connection").isTrue();
        }
    }

    @Test
    void readGroup_idZero_returnsOwnPendingEntriesAtOnce(TestKeyPrefix prefix) {
        try (RedisService redis = service(prefix, "chatapp"); DedicatedConnection reads = redis.connections().dedicated()) {
            redis.streams().createGroup("{s}:events", "g", "0");
            String first = redis.streams().add("{s}:events", Map.of("n", "1"));
            String second = redis.streams().add("{s}:events", Map.of("n", "2"));
            reads.readGroup("{s}:events", "g", "c1", ">", 10, Duration.ZERO);
            redis.streams().acknowledge("{s}:events", "g", first);

            List<StreamEntry> pending = reads.readGroup("{s}:events", "g", "c1", "0", 10, Duration.ofSeconds(30));

            assertThat(pending).extracting(StreamEntry::id).containsExactly(second);
        }
    }

    @Test
    void readGroup_missingGroup_throwsNoGroup(TestKeyPrefix prefix) {
        try (RedisService redis = service(prefix, "chatapp"); DedicatedConnection reads = redis.connections().dedicated()) {
            assertThatThrownBy(() -> reads.readGroup("{s}:events", "nobody", "c1", ">", 10, Duration.ofMillis(10)))
                    .isInstanceOfSatisfying(RedisCommandException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo("NOGROUP");
                        assertThat(e.key()).isEqualTo("{s}:events");
                    });
        }
    }

    @Test
    void readGroup_badArguments_throwIllegalArgumentNamingThem(TestKeyPrefix prefix) {
        try (RedisService redis = service(prefix, "chatapp"); DedicatedConnection reads = redis.connections().dedicated()) {
            assertThatIllegalArgumentException().isThrownBy(() -> reads.readGroup(null, "g", "c", ">", 1, Duration.ZERO))
                    .withMessageContaining("key");
            assertThatIllegalArgumentException().isThrownBy(() -> reads.readGroup("s", "", "c", ">", 1, Duration.ZERO))
                    .withMessageContaining("group");
            assertThatIllegalArgumentException().isThrownBy(() -> reads.readGroup("s", "g", null, ">", 1, Duration.ZERO))
                    .withMessageContaining("consumer");
            assertThatIllegalArgumentException().isThrownBy(() -> reads.readGroup("s", "g", "c", " ", 1, Duration.ZERO))
                    .withMessageContaining("id");
            assertThatIllegalArgumentException().isThrownBy(() -> reads.readGroup("s", "g", "c", ">", 0, Duration.ZERO))
                    .withMessageContaining("count").withMessageContaining("0");
            assertThatIllegalArgumentException().isThrownBy(() -> reads.readGroup("s", "g", "c", ">", 1, Duration.ofMillis(-1)))
                    .withMessageContaining("block").withMessageContaining("PT-0.001S");
            assertThatIllegalArgumentException().isThrownBy(() -> reads.popFirst("s", Duration.ZERO))
                    .withMessageContaining("timeout");
        }
    }

    @Test
    void popFirst_elementPushedWhileBlocked_returnsIt(TestKeyPrefix prefix) throws Exception {
        String name = uniqueName("blocked-pop");
        try (RedisService redis = service(prefix, name); DedicatedConnection reads = redis.connections().dedicated()) {
            CompletableFuture<Optional<String>> popped = CompletableFuture.supplyAsync(
                    () -> reads.popFirst("{s}:jobs", Duration.ofSeconds(10)));
            Awaitility.await().atMost(AWAIT).until(() -> blockedIn(name, "blpop"));

            redis.lists().pushLast("{s}:jobs", "a", "b");

            assertThat(popped.get(5, TimeUnit.SECONDS)).contains("a");
            assertThat(reads.popLast("{s}:jobs", Duration.ofMillis(10))).contains("b");
        }
    }

    @Test
    void popLast_emptyList_returnsEmptyAfterTheTimeout(TestKeyPrefix prefix) {
        try (RedisService redis = service(prefix, "chatapp"); DedicatedConnection reads = redis.connections().dedicated()) {
            long start = System.nanoTime();

            Optional<String> popped = reads.popLast("{s}:jobs", Duration.ofMillis(300));

            assertThat(popped).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void close_service_closesItsDedicatedConnections(TestKeyPrefix prefix) {
        RedisService redis = service(prefix, "chatapp");
        DedicatedConnection reads = redis.connections().dedicated();
        assertThat(reads.popFirst("{s}:jobs", Duration.ofMillis(5))).isEmpty();

        redis.close();

        assertThat(reads.isClosed()).isTrue();
        assertThatThrownBy(() -> reads.popFirst("{s}:jobs", Duration.ofMillis(5))).isInstanceOf(IllegalStateException.class);
    }

    // --- stream commands the workers use ---

    @Test
    void autoClaim_entryIdleWithAnotherConsumer_isHandedOverWithItsCountRaised(TestKeyPrefix prefix) {
        try (RedisService redis = service(prefix, "chatapp")) {
            StreamOperations streams = redis.streams();
            streams.createGroup("{s}:events", "g", "0");
            String id = streams.add("{s}:events", Map.of("n", "1"));
            streams.readGroup("{s}:events", "g", "dead", 10);

            ClaimedEntries claimed = streams.autoClaim("{s}:events", "g", "alive", Duration.ZERO, "0-0", 10);

            assertThat(claimed.entries()).containsExactly(new StreamEntry(id, Map.of("n", "1")));
            assertThat(claimed.nextStartId()).isEqualTo("0-0");
            List<PendingMessage> pending = redis.getClient().xpending(redis.keys().raw("{s}:events"), Consumer.from("g", "alive"),
                    Range.create("-", "+"), Limit.from(10));
            assertThat(pending).extracting(PendingMessage::getRedeliveryCount).containsExactly(2L);
        }
    }

    @Test
    void autoClaim_entryNotIdleLongEnough_staysWithItsConsumer(TestKeyPrefix prefix) {
        try (RedisService redis = service(prefix, "chatapp")) {
            StreamOperations streams = redis.streams();
            streams.createGroup("{s}:events", "g", "0");
            streams.add("{s}:events", Map.of("n", "1"));
            streams.readGroup("{s}:events", "g", "busy", 10);

            ClaimedEntries claimed = streams.autoClaim("{s}:events", "g", "other", Duration.ofHours(1), "0-0", 10);

            assertThat(claimed.entries()).isEmpty();
        }
    }

    @Test
    void trimBefore_removesEntriesOlderThanTheId(TestKeyPrefix prefix) {
        try (RedisService redis = service(prefix, "chatapp")) {
            StreamOperations streams = redis.streams();
            for (int i = 1; i <= 300; i++) {
                streams.add("{s}:events", Map.of("n", Integer.toString(i)));
            }
            String newest = streams.add("{s}:events", Map.of("n", "last"));

            long removed = streams.trimBefore("{s}:events", newest);

            // Approximate: whole nodes of 100 entries go, the one holding the newest entry stays.
            assertThat(removed).isBetween(200L, 300L);
            assertThat(streams.size("{s}:events")).isEqualTo(301 - removed);
        }
    }

    @Test
    void addTrimmingBefore_keepsTheNewEntryAndTrimsOlderOnes(TestKeyPrefix prefix) {
        try (RedisService redis = service(prefix, "chatapp")) {
            StreamOperations streams = redis.streams();
            String oldestKept = null;
            for (int i = 1; i <= 300; i++) {
                String added = streams.add("{s}:events", Map.of("n", Integer.toString(i)));
                oldestKept = i == 250 ? added : oldestKept;
            }

            String id = streams.addTrimmingBefore("{s}:events", Map.of("n", "new"), oldestKept);

            // Approximate: the nodes of entries 1-100 and 101-200 go; the one holding entry 250 stays.
            assertThat(streams.size("{s}:events")).isEqualTo(101);
            assertThat(streams.range("{s}:events", id, id, 1)).extracting(StreamEntry::fields).containsExactly(Map.of("n", "new"));
        }
    }
}
