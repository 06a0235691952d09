package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.cluster.SlotHash;
import io.netty.channel.DefaultEventLoop;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.chatapp.redis.SortedSetOperations.ScoredMember;
import org.chatapp.redis.StreamOperations.StreamEntry;
import org.junit.jupiter.api.Test;

/**
 * Every {@link RedisService} operation, run against a real server by one subclass per topology.
 * Each test uses keys under its own name, inside a service whose prefix is unique to the class.
 */
abstract class RedisServiceContract extends ServicePerClass {

    @Test
    void setAndGet_string() {
        redis().set(key("a"), "héllo");

        assertThat(redis().get(key("a"))).contains("héllo");
        assertThat(redis().get(key("missing"))).isEmpty();
        assertThat(redis().ttl(key("a"))).isEmpty();
    }

    @Test
    void set_withTtl_expires() {
        redis().set(key("a"), "v", Duration.ofSeconds(30));
        redis().set(key("b"), "v".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(50));

        assertThat(redis().ttl(key("a"))).hasValueSatisfying(ttl -> assertThat(ttl).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30)));
        org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> redis().get(key("b")).isEmpty());
    }

    @Test
    void set_zeroOrNegativeTtl_isRejectedNotIgnored() {
        assertThatIllegalArgumentException().isThrownBy(() -> redis().set(key("a"), "v", Duration.ZERO))
                .withMessage("ttl must be at least 1 ms, was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> redis().set(key("a"), "v", Duration.ofSeconds(-1)));
        assertThatIllegalArgumentException().isThrownBy(() -> redis().expire(key("a"), Duration.ZERO));
        assertThat(redis().get(key("a"))).isEmpty();
    }

    @Test
    void badArguments_areRejectedClearly_beforeReachingRedis() {
        assertThatIllegalArgumentException().isThrownBy(() -> redis().set(key("a"), (String) null))
                .withMessage("value must not be null; delete the key instead");
        assertThatIllegalArgumentException().isThrownBy(() -> redis().get("")).withMessage("key must not be empty, was ''");
        assertThatIllegalArgumentException().isThrownBy(() -> redis().del((java.util.Collection<String>) null))
                .withMessage("keys must not be empty");
        assertThatIllegalArgumentException().isThrownBy(() -> redis().mget()).withMessage("keys must not be empty");
        assertThatIllegalArgumentException().isThrownBy(() -> redis().set(key("a"), "v", Duration.ofSeconds(Long.MAX_VALUE / 2)))
                .withMessageStartingWith("ttl must be at most 1000 years");
    }

    @Test
    void setAndGet_bytes() {
        byte[] value = {0, 1, 2, (byte) 0xff};
        redis().set(key("bin"), value);

        assertThat(redis().getBytes(key("bin"))).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(value));
    }

    @Test
    void set_withConditions_nxXxKeepTtlGet() {
        assertThat(redis().set(key("a"), "1", SetOptions.ifPresent())).isFalse();
        assertThat(redis().set(key("a"), "1", SetOptions.ifAbsent().withTtl(Duration.ofMinutes(1)))).isTrue();
        assertThat(redis().set(key("a"), "2", SetOptions.ifAbsent())).isFalse();
        assertThat(redis().set(key("a"), "3", SetOptions.ifPresent().keepingTtl())).isTrue();
        assertThat(redis().ttl(key("a"))).isPresent();
        assertThat(redis().setAndGet(key("a"), "4", SetOptions.always())).contains("3");
        assertThat(redis().ttl(key("a"))).isEmpty();
        assertThat(redis().setAndGet(key("new"), "x", SetOptions.always())).isEmpty();
        assertThat(redis().setIfAbsent(key("lock"), "owner", Duration.ofSeconds(10))).isTrue();
        assertThat(redis().setIfAbsent(key("lock"), "other", Duration.ofSeconds(10))).isFalse();
        assertThat(redis().get(key("lock"))).contains("owner");
    }

    @Test
    void del_keysInDifferentSlots() {
        String[] keys = manyKeysAcrossSlots(20);
        for (String name : keys) {
            redis().set(name, "v");
        }

        assertThat(redis().exists(keys)).isEqualTo(20);
        assertThat(redis().del(keys)).isEqualTo(20);
        assertThat(redis().exists(keys)).isZero();
        assertThat(redis().del(key("never"))).isZero();
    }

    @Test
    void del_collection_andUnlink() {
        redis().set(key("a"), "1");
        redis().set(key("b"), "2");
        redis().set(key("c"), "3");

        assertThat(redis().del(List.of(key("a"), key("b"), key("missing")))).isEqualTo(2);
        assertThat(redis().unlink(key("c"), key("missing"))).isEqualTo(1);
        assertThat(redis().exists(key("a"), key("b"), key("c"))).isZero();
    }

    @Test
    void msetAndMget_acrossSlots_inRequestOrder() {
        String[] keys = manyKeysAcrossSlots(30);
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            values.put(keys[i], "value-" + i);
        }
        redis().mset(values);

        String[] asked = Stream.concat(Stream.of(key("absent")), Stream.of(keys)).toArray(String[]::new);
        Map<String, String> found = redis().mget(asked);

        assertThat(found).containsExactlyEntriesOf(values);
        assertThat(redis().mget(List.of(keys[3], keys[1]))).containsExactly(Map.entry(keys[3], "value-3"), Map.entry(keys[1], "value-1"));
    }

    @Test
    void expirePersistTtl() {
        redis().set(key("a"), "v");

        assertThat(redis().expire(key("a"), Duration.ofSeconds(100))).isTrue();
        assertThat(redis().ttl(key("a"))).hasValueSatisfying(ttl -> assertThat(ttl).isGreaterThan(Duration.ofSeconds(90)));
        assertThat(redis().persist(key("a"))).isTrue();
        assertThat(redis().ttl(key("a"))).isEmpty();
        assertThat(redis().expire(key("missing"), Duration.ofSeconds(1))).isFalse();
    }

    @Test
    void counters() {
        assertThat(redis().incr(key("n"))).isEqualTo(1);
        assertThat(redis().incrBy(key("n"), 10)).isEqualTo(11);
        assertThat(redis().decr(key("n"))).isEqualTo(10);
        assertThat(redis().decrBy(key("n"), 4)).isEqualTo(6);
        assertThat(redis().get(key("n"))).contains("6");
    }

    @Test
    void scan_findsOwnKeysWithoutPrefix_acrossAllMasters() {
        String[] keys = manyKeysAcrossSlots(1200);
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : keys) {
            values.put(name, "v");
        }
        redis().mset(values);

        try (Stream<String> found = redis().scan(key("*"))) {
            assertThat(found.distinct().toList()).containsExactlyInAnyOrder(keys);
        }
        try (Stream<String> none = redis().scan(key("nothing-*"))) {
            assertThat(none.toList()).isEmpty();
        }
    }

    @Test
    void asyncOperations() throws Exception {
        redis().setAsync(key("a"), "1").toCompletableFuture().get(5, TimeUnit.SECONDS);
        redis().setAsync(key("b"), "2", Duration.ofMinutes(1)).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(redis().getAsync(key("a")).toCompletableFuture().get(5, TimeUnit.SECONDS)).contains("1");
        assertThat(redis().getAsync(key("zz")).toCompletableFuture().get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(redis().mgetAsync(key("a"), key("b"), key("zz")).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .containsExactly(Map.entry(key("a"), "1"), Map.entry(key("b"), "2"));
        assertThat(redis().ttl(key("b"))).isPresent();
        assertThat(redis().delAsync(key("a"), key("b"), key("zz")).toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void sync_onAnEventLoopThread_failsAtOnceNamingTheCall() throws Exception {
        // Where the callbacks of async calls run; a real one is used, as which thread completes a
        // future depends on whether its reply beat the callback's registration.
        DefaultEventLoop eventLoop = new DefaultEventLoop();
        try {
            Future<Optional<String>> nested = eventLoop.submit(() -> redis().get(key("b")));

            // Without the refusal the GET would wait on the loop for the command timeout.
            assertThatThrownBy(() -> nested.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                    .cause().hasMessageContaining("GET '" + key("b") + "' is a blocking call on the event-loop thread");
        } finally {
            eventLoop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void async_inACallbackOfAnAsyncCall_works() throws Exception {
        redis().set(key("a"), "1");

        Optional<String> nested = redis().getAsync(key("a"))
                .thenCompose(value -> redis().getAsync(key("a"))).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(nested).contains("1");
    }

    @Test
    void async_serverError_completesWithCommandExceptionNamingTheErrorCode() {
        redis().hashes().set(key("h"), "f", "v");

        assertThatThrownBy(() -> redis().getAsync(key("h")).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(RedisCommandException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("WRONGTYPE"));
    }

    @Test
    void serverError_namesOperationAndKey_neverTheValue() {
        redis().set(key("s"), "secret-value");

        assertThatThrownBy(() -> redis().hashes().get(key("s"), "f"))
                .isInstanceOfSatisfying(RedisServiceException.class, e -> {
                    assertThat(e.operation()).isEqualTo("HGET");
                    assertThat(e.key()).isEqualTo(key("s"));
                })
                .hasMessageContaining("WRONGTYPE")
                .hasMessageNotContaining("secret-value");
    }

    @Test
    void hashes() {
        HashOperations hashes = redis().hashes();

        assertThat(hashes.set(key("h"), "name", "Ada")).isTrue();
        assertThat(hashes.set(key("h"), Map.of("lang", "en", "name", "Ada L."))).isEqualTo(1);
        assertThat(hashes.get(key("h"), "name")).contains("Ada L.");
        assertThat(hashes.get(key("h"), "nope")).isEmpty();
        assertThat(hashes.get(key("h"), "lang", "nope", "name")).containsExactly(Map.entry("lang", "en"), Map.entry("name", "Ada L."));
        assertThat(hashes.getAll(key("h"))).containsOnly(Map.entry("name", "Ada L."), Map.entry("lang", "en"));
        assertThat(hashes.exists(key("h"), "lang")).isTrue();
        assertThat(hashes.increment(key("h"), "visits", 3)).isEqualTo(3);
        assertThat(hashes.size(key("h"))).isEqualTo(3);
        assertThat(hashes.delete(key("h"), "lang", "nope")).isEqualTo(1);
        assertThat(hashes.getAll(key("missing"))).isEmpty();
        assertThat(redis().getClient().hget(redis().keyPrefix() + key("h"), "name")).isEqualTo("Ada L.");
    }

    @Test
    void lists() {
        ListOperations lists = redis().lists();

        assertThat(lists.pushLast(key("l"), "b", "c")).isEqualTo(2);
        assertThat(lists.pushFirst(key("l"), "a")).isEqualTo(3);
        assertThat(lists.range(key("l"), 0, -1)).containsExactly("a", "b", "c");
        assertThat(lists.popFirst(key("l"))).contains("a");
        assertThat(lists.popLast(key("l"))).contains("c");
        lists.pushLast(key("l"), "x", "y", "z");
        lists.trim(key("l"), 0, 1);
        assertThat(lists.range(key("l"), 0, -1)).containsExactly("b", "x");
        assertThat(lists.size(key("l"))).isEqualTo(2);
        assertThat(lists.popFirst(key("empty"))).isEmpty();
    }

    @Test
    void sets() {
        SetOperations sets = redis().sets();

        assertThat(sets.add(key("s"), "u1", "u2", "u2")).isEqualTo(2);
        assertThat(sets.contains(key("s"), "u1")).isTrue();
        assertThat(sets.contains(key("s"), "u9")).isFalse();
        assertThat(sets.members(key("s"))).isEqualTo(Set.of("u1", "u2"));
        assertThat(sets.remove(key("s"), "u1", "u9")).isEqualTo(1);
        assertThat(sets.size(key("s"))).isEqualTo(1);
        assertThatIllegalArgumentException().isThrownBy(() -> sets.add(key("s")));
    }

    @Test
    void sortedSets() {
        SortedSetOperations zsets = redis().sortedSets();

        assertThat(zsets.add(key("z"), 1.0, "a")).isTrue();
        assertThat(zsets.add(key("z"), Map.of("b", 2.0, "c", 3.0, "a", 1.5))).isEqualTo(2);
        assertThat(zsets.incrementScore(key("z"), "c", 0.5)).isEqualTo(3.5);
        assertThat(zsets.score(key("z"), "a")).contains(1.5);
        assertThat(zsets.score(key("z"), "zz")).isEmpty();
        assertThat(zsets.rank(key("z"), "b")).contains(1L);
        assertThat(zsets.rank(key("z"), "zz")).isEmpty();
        assertThat(zsets.range(key("z"), 0, -1)).containsExactly(
                new ScoredMember("a", 1.5), new ScoredMember("b", 2.0), new ScoredMember("c", 3.5));
        assertThat(zsets.reverseRange(key("z"), 0, 0)).containsExactly(new ScoredMember("c", 3.5));
        assertThat(zsets.rangeByScore(key("z"), 1.6, 10, 1)).containsExactly(new ScoredMember("b", 2.0));
        assertThat(zsets.removeByScore(key("z"), 0, 1.9)).isEqualTo(1);
        assertThat(zsets.remove(key("z"), "b", "zz")).isEqualTo(1);
        assertThat(zsets.size(key("z"))).isEqualTo(1);
    }

    @Test
    void streams() {
        StreamOperations streams = redis().streams();

        String first = streams.add(key("x"), Map.of("type", "message.created", "text", "hi"));
        String second = streams.add(key("x"), Map.of("type", "typing"), 1000);
        assertThat(streams.size(key("x"))).isEqualTo(2);
        assertThat(streams.range(key("x"), "-", "+", 10)).extracting(StreamEntry::id).containsExactly(first, second);
        assertThat(streams.range(key("x"), "-", "+", 10).get(0).fields()).containsOnly(
                Map.entry("type", "message.created"), Map.entry("text", "hi"));
        assertThat(streams.reverseRange(key("x"), "+", "-", 1)).extracting(StreamEntry::id).containsExactly(second);

        streams.createGroup(key("x"), "notifier", "0");
        List<StreamEntry> delivered = streams.readGroup(key("x"), "notifier", "worker-1", 10);
        assertThat(delivered).extracting(StreamEntry::id).containsExactly(first, second);
        assertThat(streams.pendingCount(key("x"), "notifier")).isEqualTo(2);
        assertThat(streams.claim(key("x"), "notifier", "worker-2", Duration.ZERO, second)).extracting(StreamEntry::id).containsExactly(second);
        assertThat(streams.acknowledge(key("x"), "notifier", first, second)).isEqualTo(2);
        assertThat(streams.pendingCount(key("x"), "notifier")).isZero();
        assertThat(streams.readGroup(key("x"), "notifier", "worker-1", 10)).isEmpty();

        streams.createGroup(key("fresh"), "g", "$");
        assertThat(streams.size(key("fresh"))).isZero();
        assertThat(streams.delete(key("x"), first)).isEqualTo(1);
        assertThat(streams.trim(key("x"), 0)).isLessThanOrEqualTo(1);
    }

    @Test
    void ping_measuresRoundTrip() {
        assertThat(redis().ping()).isPositive().isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void getClient_isRawLettuce_seesPrefixedKeys() {
        redis().set(key("raw"), "v");

        assertThat(redis().getClient().get(redis().keyPrefix() + key("raw"))).isEqualTo("v");
        assertThat(redis().getClient().get(key("raw"))).isNull();
    }

    /** Returns keys of this test that fall into many different hash slots. */
    String[] manyKeysAcrossSlots(int count) {
        String[] keys = IntStream.range(0, count).mapToObj(i -> key("k" + i)).toArray(String[]::new);
        long slots = Stream.of(keys).map(name -> SlotHash.getSlot(redis().keyPrefix() + name)).distinct().count();
        assertThat(slots).as("distinct slots").isGreaterThan(count / 2);
        return keys;
    }

    // --- scripts ---

    private static final RedisScript<Long> INCREMENT_BOTH = RedisScript.returningLong(
            "redis.call('INCRBY', KEYS[1], ARGV[1]) return redis.call('INCRBY', KEYS[2], ARGV[1])");

    @Test
    void scripts_run_prefixesKeysAndReturnsTheReply() {
        String first = key("{counters}:a");
        String second = key("{counters}:b");

        Long reply = redis().scripts().run(INCREMENT_BOTH, List.of(first, second), List.of("5"));

        assertThat(reply).isEqualTo(5L);
        assertThat(redis().get(first)).contains("5");
        assertThat(redis().getClient().get(redis().keys().raw(second))).isEqualTo("5");
    }

    @Test
    void scripts_unknownToTheServer_areLoadedAgainByTheirSource() {
        RedisScript<String> echo = RedisScript.returningString("return 'echo:' .. ARGV[1] .. ':" + System.nanoTime() + "'");
        redis().getClient().scriptFlush();

        assertThat(redis().scripts().run(echo, List.of(), List.of("x"))).startsWith("echo:x:");
    }

    @Test
    void scripts_runAsyncAfterFlush_completesWithTheReply() throws Exception {
        RedisScript<List<Object>> pair = RedisScript.returningList("return {KEYS[1], tonumber(ARGV[1]), {ARGV[2]}}");
        redis().getClient().scriptFlush();

        List<Object> reply = redis().scripts().runAsync(pair, List.of(key("k")), List.of("7", "nested"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(reply).containsExactly(redis().keys().raw(key("k")), 7L, List.of("nested"));
    }

    @Test
    void scripts_returningBoolean_mapsLuaTruthAndNil() {
        RedisScript<Boolean> exists = RedisScript.returningBoolean("return redis.call('EXISTS', KEYS[1]) == 1");
        redis().set(key("present"), "1");

        assertThat(redis().scripts().run(exists, List.of(key("present")), List.of())).isTrue();
        assertThat(redis().scripts().run(exists, List.of(key("absent")), List.of())).isFalse();
    }

    @Test
    void scripts_serverError_isARedisCommandExceptionNamingTheError() {
        RedisScript<Long> wrongType = RedisScript.returningLong("return redis.call('INCR', KEYS[1])");
        redis().lists().pushLast(key("list"), "x");

        // Redis 7 passes the command's error code through (WRONGTYPE); 6.2 reports ERR Error running script ... WRONGTYPE.
        assertThatThrownBy(() -> redis().scripts().run(wrongType, List.of(key("list")), List.of()))
                .isInstanceOfSatisfying(RedisCommandException.class, e -> assertThat(e.errorCode()).isIn("WRONGTYPE", "ERR"))
                .hasMessageContaining("WRONGTYPE");
    }

    @Test
    void scripts_badInput_isRefusedNamingTheArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> redis().scripts().run(INCREMENT_BOTH, null, List.of()))
                .withMessageContaining("keys");
        assertThatIllegalArgumentException().isThrownBy(() -> redis().scripts().run(INCREMENT_BOTH, List.of(""), List.of()))
                .withMessageContaining("key");
        assertThatIllegalArgumentException().isThrownBy(() -> redis().scripts().run(INCREMENT_BOTH, List.of(key("a")),
                java.util.Arrays.asList("1", null))).withMessageContaining("args[1]");
        assertThatIllegalArgumentException().isThrownBy(() -> RedisScript.returningLong(" ")).withMessageContaining("source");
    }

    // --- keys ---

    @Test
    void keys_rawAndBack_followThePrefixRule() {
        String raw = redis().keys().raw(key("{room:42}:title"));

        assertThat(raw).isEqualTo(redis().keyPrefix() + key("{room:42}:title"));
        assertThat(redis().keys().key(raw)).isEqualTo(key("{room:42}:title"));
        assertThat(redis().keys().slot(key("{room:42}:title"))).isEqualTo(SlotHash.getSlot("room:42"));
        assertThatIllegalArgumentException().isThrownBy(() -> redis().keys().key("other:" + raw)).withMessageContaining("prefix");
    }
}
