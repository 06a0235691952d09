package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.chatapp.redis.SortedSetOperations.ScoredMember;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisBatch} against a real server, run by one subclass per topology. Each test uses keys
 * under its own name, inside a service whose prefix is unique to the class.
 */
abstract class BatchContract extends ServicePerClass {

    /** Names of keys that fall in many slots (and on a cluster on every master). */
    List<String> keysAcrossSlots(int count) {
        return IntStream.range(0, count).mapToObj(i -> key("user:" + i)).toList();
    }

    @Test
    void execute_readsAndWritesOnManySlots_resultsInCallersOrder() {
        List<String> names = keysAcrossSlots(300);
        names.forEach(name -> redis().set(name, "old-" + name));
        RedisBatch batch = redis().batch();
        List<BatchResult<Optional<String>>> reads = new ArrayList<>();
        List<BatchResult<Optional<String>>> rereads = new ArrayList<>();
        for (String name : names) {
            reads.add(batch.get(name));
            batch.set(name, "new-" + name);
            rereads.add(batch.get(name));
        }
        BatchResult<Optional<String>> missing = batch.get(key("missing"));

        batch.execute();

        for (int i = 0; i < names.size(); i++) {
            assertThat(reads.get(i).get()).contains("old-" + names.get(i));
            assertThat(rereads.get(i).get()).as("a command sees the write queued before it on its slot").contains("new-" + names.get(i));
        }
        assertThat(missing.get()).isEmpty();
        assertThat(redis().get(names.get(7))).contains("new-" + names.get(7));
    }

    @Test
    void execute_wrongTypeInTheMiddle_onlyThatCommandFails() {
        redis().lists().pushLast(key("list"), "x");
        RedisBatch batch = redis().batch();
        BatchResult<Long> before = batch.incr(key("counter"));
        BatchResult<Optional<String>> wrongType = batch.get(key("list"));
        BatchResult<Long> after = batch.incr(key("counter"));

        batch.execute();

        assertThat(before.get()).isEqualTo(1);
        assertThat(after.get()).isEqualTo(2);
        assertThat(wrongType.error()).get().isInstanceOf(RedisCommandException.class)
                .satisfies(e -> assertThat(((RedisCommandException) e).errorCode()).isEqualTo("WRONGTYPE"));
        assertThatThrownBy(wrongType::get).isInstanceOf(RedisCommandException.class).hasMessageContaining(key("list"))
                .hasMessageContaining("GET");
    }

    @Test
    void execute_scriptTheServerDoesNotKnow_runsByItsSourceInItsPlace() {
        RedisScript<Long> add = RedisScript.returningLong("return redis.call('INCRBY', KEYS[1], ARGV[1])");
        flushScripts();
        RedisBatch batch = redis().batch();
        BatchResult<Long> first = batch.incr(key("a"));
        BatchResult<Long> scripted = batch.script(add, List.of(key("a")), List.of("10"));
        BatchResult<Long> last = batch.incr(key("b"));

        batch.execute();

        assertThat(first.get()).isEqualTo(1);
        assertThat(scripted.get()).isEqualTo(11);
        assertThat(last.get()).isEqualTo(1);
        assertThat(redis().get(key("a"))).contains("11");
    }

    /** Forgets every script on every node, as a restarted or promoted server has. */
    abstract void flushScripts();

    @Test
    void execute_scriptRaisingAnError_errorInItsPlace() {
        RedisScript<Long> failing = RedisScript.returningLong("return redis.error_reply('NOPE not today')");
        RedisBatch batch = redis().batch();
        BatchResult<Long> scripted = batch.script(failing, List.of(key("a")), List.of());
        BatchResult<Long> next = batch.incr(key("a"));

        batch.execute();

        assertThatThrownBy(scripted::get).isInstanceOf(RedisCommandException.class).hasMessageContaining("not today");
        assertThat(next.get()).isEqualTo(1);
    }

    @Test
    void execute_everyView_returnsWhatTheViewsReturn() {
        RedisBatch batch = redis().batch();
        BatchResult<Boolean> newField = batch.hashes().set(key("h"), "f", "1");
        BatchResult<Long> fields = batch.hashes().set(key("h"), Map.of("g", "2", "h", "3"));
        BatchResult<Long> incremented = batch.hashes().increment(key("h"), "f", 4);
        BatchResult<Map<String, String>> some = batch.hashes().get(key("h"), "f", "missing", "g");
        BatchResult<Map<String, String>> all = batch.hashes().getAll(key("h"));
        BatchResult<Long> pushed = batch.lists().pushLast(key("l"), "a", "b", "c");
        BatchResult<List<String>> range = batch.lists().range(key("l"), 0, -1);
        BatchResult<Long> added = batch.sets().add(key("s"), "x", "y");
        BatchResult<Boolean> contains = batch.sets().contains(key("s"), "y");
        BatchResult<Set<String>> members = batch.sets().members(key("s"));
        BatchResult<Boolean> zadded = batch.sortedSets().add(key("z"), 2.5, "m");
        BatchResult<Double> zscore = batch.sortedSets().incrementScore(key("z"), "m", 1);
        BatchResult<List<ScoredMember>> zrange = batch.sortedSets().reverseRange(key("z"), 0, -1);
        BatchResult<Optional<Double>> noScore = batch.sortedSets().score(key("z"), "nobody");
        BatchResult<String> streamId = batch.streams().add(key("x"), Map.of("v", "1"), 100);
        BatchResult<Long> streamSize = batch.streams().size(key("x"));
        BatchResult<Boolean> nx = batch.set(key("s"), "v", SetOptions.ifAbsent());
        BatchResult<Void> withTtl = batch.set(key("t"), "v", Duration.ofMinutes(5));
        BatchResult<Optional<Duration>> ttl = batch.ttl(key("t"));
        BatchResult<Boolean> exists = batch.exists(key("t"));
        BatchResult<Long> deleted = batch.del(key("t"));

        batch.execute();

        assertThat(newField.get()).isTrue();
        assertThat(fields.get()).isEqualTo(2);
        assertThat(incremented.get()).isEqualTo(5);
        assertThat(some.get()).containsExactly(Map.entry("f", "5"), Map.entry("g", "2"));
        assertThat(all.get()).containsOnly(Map.entry("f", "5"), Map.entry("g", "2"), Map.entry("h", "3"));
        assertThat(pushed.get()).isEqualTo(3);
        assertThat(range.get()).containsExactly("a", "b", "c");
        assertThat(added.get()).isEqualTo(2);
        assertThat(contains.get()).isTrue();
        assertThat(members.get()).containsExactlyInAnyOrder("x", "y");
        assertThat(zadded.get()).isTrue();
        assertThat(zscore.get()).isEqualTo(3.5);
        assertThat(zrange.get()).containsExactly(new ScoredMember("m", 3.5));
        assertThat(noScore.get()).isEmpty();
        assertThat(streamId.get()).matches("\\d+-\\d+");
        assertThat(streamSize.get()).isEqualTo(1);
        assertThat(nx.get()).as("SET NX on an existing key").isFalse();
        assertThat(withTtl.get()).isNull();
        assertThat(ttl.get()).get().satisfies(left -> assertThat(left).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5)));
        assertThat(exists.get()).isTrue();
        assertThat(deleted.get()).isEqualTo(1);
    }

    @Test
    void execute_keys_carryTheServicePrefix() {
        RedisBatch batch = redis().batch();
        batch.set(key("a"), "v");

        batch.execute();

        assertThat(redis().getClient().get(redis().keyPrefix() + key("a"))).isEqualTo("v");
    }

    @Test
    void execute_manyMoreCommandsThanAChunk_allApplyInOrder() {
        int count = RedisBatch.CHUNK * 5 + 17;
        // Several rounds: chunks written by the caller and by the event loop must still leave in order.
        for (int round = 0; round < 10; round++) {
            RedisBatch batch = redis().batch();
            List<BatchResult<Long>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                results.add(batch.incr(key("counter")));
            }

            batch.execute();

            for (int i = 0; i < count; i++) {
                assertThat(results.get(i).get()).as("round %d, command %d", round, i).isEqualTo((long) round * count + i + 1);
            }
        }
        assertThat(redis().get(key("counter"))).contains(String.valueOf(10L * count));
    }

    @Test
    void executeAsync_completesWithEveryResult() throws Exception {
        RedisBatch batch = redis().batch();
        List<BatchResult<Long>> results = keysAcrossSlots(50).stream().map(batch::incr).toList();

        batch.executeAsync().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(results).allSatisfy(result -> assertThat(result.get()).isEqualTo(1));
    }

    @Test
    void execute_emptyBatch_returnsAtOnce() {
        RedisBatch batch = redis().batch();

        batch.execute();

        assertThat(batch.size()).isZero();
    }

    @Test
    void execute_secondTime_isRefused() {
        RedisBatch batch = redis().batch();
        batch.incr(key("a"));
        batch.execute();

        assertThatIllegalStateException().isThrownBy(batch::execute).withMessageContaining("already sent");
        assertThatIllegalStateException().isThrownBy(() -> batch.incr(key("a"))).withMessageContaining("already sent");
        assertThat(redis().get(key("a"))).contains("1");
    }

    @Test
    void get_beforeTheBatchRan_isRefused() {
        RedisBatch batch = redis().batch();
        BatchResult<Long> result = batch.incr(key("a"));

        assertThat(result.isDone()).isFalse();
        assertThatIllegalStateException().isThrownBy(result::get).withMessageContaining("run the batch first");
    }

    @Test
    void queue_nullOrEmptyKey_isRefusedAndNothingQueued() {
        RedisBatch batch = redis().batch();

        assertThatIllegalArgumentException().isThrownBy(() -> batch.get(null)).withMessageContaining("key");
        assertThatIllegalArgumentException().isThrownBy(() -> batch.set("", "v")).withMessageContaining("key");
        assertThatIllegalArgumentException().isThrownBy(() -> batch.set(key("a"), (String) null)).withMessageContaining("value");
        assertThatIllegalArgumentException().isThrownBy(() -> batch.set(key("a"), "v", Duration.ZERO)).withMessageContaining("ttl");
        assertThat(batch.size()).isZero();
    }

    @Test
    void execute_onAnEventLoopThread_isRefusedAndNothingSent() throws Exception {
        RedisBatch batch = redis().batch();
        batch.incr(key("a"));
        DefaultEventLoop eventLoop = new DefaultEventLoop();
        try {
            Future<?> nested = eventLoop.submit(batch::execute);

            assertThatThrownBy(() -> nested.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
            assertThat(redis().get(key("a"))).isEmpty();
        } finally {
            eventLoop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void endpointChannel_ofTheServiceKindOfConnection_isWhatTheTopologyPromises() {
        try (StatefulConnection<byte[], byte[]> connection = redis().lettuceClient().connect(ByteArrayCodec.INSTANCE)) {
            assertThat(EndpointChannel.available()).as("the channel field Lettuce keeps").isTrue();
            assertWrittenAsTheTopologyPromises(connection);
        }
    }

    /**
     * Asserts how a batch reaches the server on such a connection: written whole to the channel on a
     * single node and to each master of a cluster, through Lettuce's routing with sentinel.
     */
    abstract void assertWrittenAsTheTopologyPromises(StatefulConnection<byte[], byte[]> connection);
}
