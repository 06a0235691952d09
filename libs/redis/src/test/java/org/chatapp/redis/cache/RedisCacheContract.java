package org.chatapp.redis.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.TestClock;
import org.chatapp.redis.ValueCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/** The cache against a real server, run by one subclass per topology; each test has a key prefix of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RedisCacheContract {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private String prefix;
    String cacheName;

    /** Returns options for the topology under test, without a key prefix or clock. */
    abstract RedisOptions.Builder options();

    @BeforeEach
    void names(TestInfo test) {
        prefix = getClass().getSimpleName() + "-" + System.nanoTime() + ":";
        cacheName = "c-" + Math.abs(test.getTestMethod().orElseThrow().getName().hashCode());
    }

    @AfterEach
    void closeOpened() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
    }

    @AfterAll
    void stopPool() {
        pool.shutdownNow();
    }

    /** A client of its own, as a second application instance would have, on the test's prefix. */
    RedisService client() {
        return client(prefix, Clock.systemUTC());
    }

    RedisService client(String keyPrefix, Clock clock) {
        return client(options().keyPrefix(keyPrefix).clock(clock));
    }

    /** A client on the test's prefix, with options of the test's own. */
    RedisService client(java.util.function.UnaryOperator<RedisOptions.Builder> customize) {
        return client(customize.apply(options().keyPrefix(prefix)));
    }

    private RedisService client(RedisOptions.Builder options) {
        RedisService redis = RedisService.create(options.build());
        opened.add(redis);
        return redis;
    }

    RedisCaches caches(RedisService redis) {
        RedisCaches caches = RedisCaches.create(redis);
        opened.add(caches);
        return caches;
    }

    /** Caches that refresh on the caller's thread, so a test sees a refresh's outcome when get returns. */
    RedisCaches directCaches(RedisService redis) {
        RedisCaches caches = RedisCaches.create(redis, Runnable::run);
        opened.add(caches);
        return caches;
    }

    static CacheOptions.Builder<String> strings() {
        return CacheOptions.builder(ValueCodec.string()).ttl(TtlPolicy.fixed(Duration.ofMinutes(1)));
    }

    // --- single flight ---

    @Test
    void get_twoHundredConcurrentMissesInOneClient_loadsOnce() throws Exception {
        RedisCache<String> cache = caches(client()).cache(cacheName, strings().build());
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        CacheLoader<String> loader = key -> {
            loads.incrementAndGet();
            release.await(10, TimeUnit.SECONDS);
            return "loaded";
        };

        List<Future<Optional<String>>> calls = concurrently(200, i -> cache.get("hot", loader));
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.stats().localWaits() == 199);
        release.countDown();

        for (Future<Optional<String>> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS)).contains("loaded");
        }
        assertThat(loads).hasValue(1);
        assertThat(cache.get("hot")).contains("loaded");
    }

    @Test
    void get_twoHundredConcurrentMissesAcrossTwoClients_loadsOnce() throws Exception {
        RedisCache<String> first = caches(client()).cache(cacheName, strings().build());
        RedisCache<String> second = caches(client()).cache(cacheName, strings().build());
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        CacheLoader<String> loader = key -> {
            loads.incrementAndGet();
            release.await(10, TimeUnit.SECONDS);
            return "loaded";
        };

        List<Future<Optional<String>>> calls = concurrently(200, i -> (i % 2 == 0 ? first : second).get("hot", loader));
        // 99 callers in each process join their process's load; one of the two loads waits on the other's lease.
        await().atMost(Duration.ofSeconds(10)).until(() -> first.stats().localWaits() + second.stats().localWaits() == 198
                && first.stats().leaseWaits() + second.stats().leaseWaits() == 1);
        release.countDown();

        for (Future<Optional<String>> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS)).contains("loaded");
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void get_loaderThrows_releasesTheLeaseAndTheWaitingClientLoads() throws Exception {
        CacheOptions<String> options = strings().leaseTime(Duration.ofSeconds(30)).leaseWait(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(30)).build();
        RedisCache<String> first = caches(client()).cache(cacheName, options);
        RedisCache<String> second = caches(client()).cache(cacheName, options);
        RedisService observer = client();
        CountDownLatch failNow = new CountDownLatch(1);
        Future<Optional<String>> failing = pool.submit(() -> first.get("k", key -> {
            failNow.await(10, TimeUnit.SECONDS);
            throw new IllegalStateException("source down");
        }));
        await().atMost(Duration.ofSeconds(5)).until(() -> first.stats().loads() + first.stats().loadFailures() == 0
                && lease(observer, "k").isPresent());
        Future<Optional<String>> waiting = pool.submit(() -> second.get("k", key -> "from second"));
        await().atMost(Duration.ofSeconds(5)).until(() -> second.stats().leaseWaits() == 1);

        failNow.countDown();

        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IllegalStateException.class);
        // Woken by the release, well before the 30 s lease or poll interval would have let it in.
        assertThat(waiting.get(5, TimeUnit.SECONDS)).contains("from second");
        assertThat(first.get("k", key -> "never")).contains("from second");
    }

    @Test
    void get_afterALoaderThrew_theNextCallerLoads() {
        RedisCache<String> cache = caches(client()).cache(cacheName, strings().build());

        assertThatThrownBy(() -> cache.get("k", key -> {
            throw new IOException("checked failure");
        })).isInstanceOfSatisfying(CacheLoadException.class, e -> {
            assertThat(e.key()).isEqualTo("k");
            assertThat(e.cacheName()).isEqualTo(cacheName);
            assertThat(e).hasCauseInstanceOf(IOException.class);
        });

        long started = System.nanoTime();
        assertThat(cache.get("k", key -> "second try")).contains("second try");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CacheOptions.DEFAULT_LEASE_TIME);
        assertThat(cache.stats().loadFailures()).isEqualTo(1);
    }

    @Test
    void get_loaderOutlivesItsLease_theWaiterLoadsOnceTheLeaseRunsOut() throws Exception {
        CacheOptions<String> options = strings().leaseTime(Duration.ofMillis(500)).build();
        RedisCache<String> first = caches(client()).cache(cacheName, options);
        RedisCache<String> second = caches(client()).cache(cacheName, options);
        RedisService observer = client();
        CountDownLatch stuck = new CountDownLatch(1);
        Future<Optional<String>> slow = pool.submit(() -> first.get("k", key -> {
            stuck.await(20, TimeUnit.SECONDS);
            return "late";
        }));
        await().atMost(Duration.ofSeconds(5)).until(() -> lease(observer, "k").isPresent());

        try {
            assertThat(second.get("k", key -> "in time")).contains("in time");
            assertThat(second.stats().leaseWaits()).isEqualTo(1);
        } finally {
            stuck.countDown();
        }
        assertThat(slow.get(10, TimeUnit.SECONDS)).contains("late");
        // The late load lost its lease: it does not overwrite the value stored after it.
        assertThat(second.get("k")).contains("in time");
    }

    // --- early refresh and stale-while-revalidate ---

    @Test
    void get_closeToExpiry_xfetchRefreshesOnceBeforeExpiry() {
        TestClock clock = new TestClock(START);
        RedisCache<String> cache = directCaches(client(prefix, clock)).cache(cacheName, strings()
                .ttl(TtlPolicy.fixed(Duration.ofSeconds(60)).withJitter(0)).random(() -> 0.5).build());
        AtomicInteger loads = new AtomicInteger();
        CacheLoader<String> loader = key -> {
            clock.advance(Duration.ofSeconds(1)); // the load takes 1 s: delta
            return "v" + loads.incrementAndGet();
        };
        cache.get("k", loader); // stored at START + 1 s, expires at START + 61 s

        // With a draw of 0.5 the refresh starts 1 s * ln 2 = 693 ms before expiry.
        clock.set(START.plusSeconds(61).minusMillis(800));
        assertThat(cache.get("k", loader)).contains("v1");
        assertThat(loads).hasValue(1);

        clock.set(START.plusSeconds(61).minusMillis(600));
        assertThat(cache.get("k", loader)).contains("v1");
        assertThat(loads).hasValue(2);
        assertThat(cache.stats().earlyRefreshes()).isEqualTo(1);
        assertThat(cache.get("k", loader)).contains("v2");
    }

    @Test
    void get_steadyLoadOverTenWindows_recomputesAboutOncePerWindowAndNeverMisses() {
        TestClock clock = new TestClock(START);
        Random random = new Random(7);
        RedisCache<String> cache = directCaches(client(prefix, clock)).cache(cacheName, strings()
                .ttl(TtlPolicy.fixed(Duration.ofSeconds(60)).withJitter(0)).random(random::nextDouble).build());
        AtomicInteger loads = new AtomicInteger();
        CacheLoader<String> loader = key -> {
            clock.advance(Duration.ofMillis(500));
            return "v" + loads.incrementAndGet();
        };

        for (int step = 0; step < 6000; step++) { // a read every 100 ms for 600 s: ten TTL windows
            assertThat(cache.get("k", loader)).isPresent();
            clock.advance(Duration.ofMillis(100));
        }

        assertThat(cache.stats().misses()).isEqualTo(1);
        assertThat(loads.get()).isBetween(10, 12);
    }

    @Test
    void get_pastExpiryWithinStaleWindow_servesStaleAndRefreshes() {
        TestClock clock = new TestClock(START);
        RedisCache<String> cache = directCaches(client(prefix, clock)).cache(cacheName, strings()
                .ttl(TtlPolicy.fixed(Duration.ofSeconds(60)).withJitter(0)).earlyRefreshBeta(0)
                .staleWhileRevalidate(Duration.ofSeconds(30)).build());
        AtomicInteger loads = new AtomicInteger();
        CacheLoader<String> loader = key -> "v" + loads.incrementAndGet();
        cache.get("k", loader);

        clock.advance(Duration.ofSeconds(70));
        assertThat(cache.get("k", loader)).contains("v1");
        assertThat(cache.stats().staleHits()).isEqualTo(1);
        assertThat(cache.get("k", loader)).contains("v2");

        clock.advance(Duration.ofSeconds(100)); // past expiry and the stale window: a plain miss
        assertThat(cache.get("k", loader)).contains("v3");
        assertThat(cache.stats().misses()).isEqualTo(2);
    }

    // --- negative caching, TTL ---

    @Test
    void get_loaderFindsNothingWithNegativeTtl_cachesAbsentUntilItRunsOut() {
        TestClock clock = new TestClock(START);
        RedisCache<String> cache = caches(client(prefix, clock)).cache(cacheName, strings()
                .negativeTtl(Duration.ofSeconds(10)).build());
        AtomicInteger loads = new AtomicInteger();
        CacheLoader<String> nothing = key -> {
            loads.incrementAndGet();
            return null;
        };

        assertThat(cache.get("ghost", nothing)).isEmpty();
        assertThat(cache.get("ghost", nothing)).isEmpty();
        assertThat(loads).hasValue(1);
        assertThat(cache.lookup("ghost")).isEqualTo(new CacheLookup<>(true, null));

        clock.advance(Duration.ofSeconds(12));
        assertThat(cache.lookup("ghost").cached()).isFalse();
        assertThat(cache.get("ghost", nothing)).isEmpty();
        assertThat(loads).hasValue(2);
    }

    @Test
    void get_loaderFindsNothingWithoutNegativeTtl_storesNothing() {
        RedisCache<String> cache = caches(client()).cache(cacheName, strings().build());
        AtomicInteger loads = new AtomicInteger();

        cache.get("ghost", key -> {
            loads.incrementAndGet();
            return null;
        });
        cache.get("ghost", key -> {
            loads.incrementAndGet();
            return null;
        });

        assertThat(loads).hasValue(2);
        assertThat(cache.lookup("ghost")).isEqualTo(CacheLookup.miss());
    }

    @Test
    void putAbsent_withNegativeTtl_replacesTheValueByACachedAbsentThatSkipsTheLoader() {
        RedisCache<String> cache = caches(client()).cache(cacheName, strings().negativeTtl(Duration.ofMinutes(1)).build());
        cache.put("k", "old");

        cache.putAbsent("k");

        assertThat(cache.lookup("k")).isEqualTo(new CacheLookup<>(true, null));
        assertThat(cache.get("k", key -> "loaded")).isEmpty();
    }

    @Test
    void putAbsent_withoutNegativeTtl_evictsTheOlderValue() {
        RedisCache<String> cache = caches(client()).cache(cacheName, strings().build());
        cache.put("k", "old");

        cache.putAbsent("k");

        assertThat(cache.lookup("k")).isEqualTo(CacheLookup.miss());
        assertThat(cache.stats().evictions()).isEqualTo(1);
    }

    @Test
    void putAbsent_anotherClientsNearCache_dropsItsValueWithinFiftyMillis() {
        RedisCache<String> reader = caches(client()).cache(cacheName, nearStrings().negativeTtl(Duration.ofMinutes(1)).build());
        RedisCache<String> writer = caches(client()).cache(cacheName, nearStrings().negativeTtl(Duration.ofMinutes(1)).build());
        writer.put("k", "v1");
        warmNear(reader, "k");

        writer.putAbsent("k");

        await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofMillis(50)).until(() -> reader.get("k").isEmpty());
    }

    @Test
    void put_jitteredTtl_spreadsRedisTtlsWithinTheBounds() {
        RedisService redis = client();
        RedisCache<String> cache = caches(redis).cache(cacheName, strings().ttl(TtlPolicy.fixed(Duration.ofSeconds(100))).build());
        CacheKeys keys = new CacheKeys(cacheName);

        List<Long> ttls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            cache.put("k" + i, "v");
            ttls.add(redis.ttl(keys.entry("k" + i)).orElseThrow().toMillis());
        }

        assertThat(ttls).allSatisfy(ttl -> assertThat(ttl).isBetween(89_000L, 110_000L));
        assertThat(ttls.stream().distinct().count()).isGreaterThan(40);
        assertThat(ttls.stream().anyMatch(ttl -> ttl < 99_000)).isTrue();
        assertThat(ttls.stream().anyMatch(ttl -> ttl > 101_000)).isTrue();
    }

    @Test
    void put_ttlBySize_givesSmallValuesTheLongestLife() {
        RedisService redis = client();
        RedisCache<String> cache = caches(redis).cache(cacheName, strings()
                .ttl(TtlPolicy.bySize(Duration.ofSeconds(400)).withJitter(0)).build());
        CacheKeys keys = new CacheKeys(cacheName);

        cache.put("small", "x");
        cache.put("medium", "x".repeat(50 * 1024));
        cache.put("large", "x".repeat(500 * 1024));
        cache.put("huge", "x".repeat(2 * 1024 * 1024));

        assertThat(redis.ttl(keys.entry("small")).orElseThrow()).isBetween(Duration.ofSeconds(795), Duration.ofSeconds(800));
        assertThat(redis.ttl(keys.entry("medium")).orElseThrow()).isBetween(Duration.ofSeconds(395), Duration.ofSeconds(400));
        assertThat(redis.ttl(keys.entry("large")).orElseThrow()).isBetween(Duration.ofSeconds(195), Duration.ofSeconds(200));
        assertThat(redis.ttl(keys.entry("huge")).orElseThrow()).isBetween(Duration.ofSeconds(95), Duration.ofSeconds(100));
    }

    // --- writes, invalidation ---

    @Test
    void put_byOneClient_isSeenByAnother() {
        RedisCache<String> first = caches(client()).cache(cacheName, strings().build());
        RedisCache<String> second = caches(client()).cache(cacheName, strings().build());

        first.put("k", "v");

        assertThat(second.get("k")).contains("v");
        assertThat(second.get("k", key -> "not called")).contains("v");
    }

    @Test
    void putThrough_storeRefuses_leavesTheCacheAsItWas() {
        RedisCache<String> cache = caches(client()).cache(cacheName, strings().build());
        cache.put("k", "old");

        assertThatThrownBy(() -> cache.putThrough("k", "new", (key, value) -> {
            throw new IOException("constraint violated");
        })).isInstanceOf(CacheLoadException.class).hasCauseInstanceOf(IOException.class);

        assertThat(cache.get("k")).contains("old");
    }

    @Test
    void putThrough_storeAccepts_cachesAfterTheStore() {
        RedisCache<String> cache = caches(client()).cache(cacheName, strings().build());
        Map<String, String> store = new HashMap<>();
        List<Optional<String>> cachedWhileStoring = new ArrayList<>();

        cache.putThrough("k", "new", (key, value) -> {
            cachedWhileStoring.add(cache.get(key));
            store.put(key, value);
        });

        assertThat(cachedWhileStoring).containsExactly(Optional.empty());
        assertThat(store).containsEntry("k", "new");
        assertThat(cache.get("k")).contains("new");
    }

    @Test
    void evict_presentThenAbsent_reportsWhatItRemoved() {
        RedisCache<String> cache = caches(client()).cache(cacheName, strings().build());
        cache.put("k", "v");

        assertThat(cache.evict("k")).isTrue();
        assertThat(cache.evict("k")).isFalse();
        assertThat(cache.get("k")).isEmpty();
        assertThat(cache.stats().evictions()).isEqualTo(1);
    }

    @Test
    void evict_duringALoad_keepsTheLoadsOlderValueOut() throws Exception {
        RedisCache<String> cache = caches(client()).cache(cacheName, strings().build());
        RedisService observer = client();
        CountDownLatch finish = new CountDownLatch(1);
        Future<Optional<String>> load = pool.submit(() -> cache.get("k", key -> {
            finish.await(10, TimeUnit.SECONDS);
            return "read before the write";
        }));
        await().atMost(Duration.ofSeconds(5)).until(() -> lease(observer, "k").isPresent());

        cache.evict("k"); // the source changed while the load ran
        finish.countDown();

        assertThat(load.get(10, TimeUnit.SECONDS)).contains("read before the write");
        assertThat(cache.get("k")).isEmpty();
    }

    @Test
    void evictTag_removesTheTaggedEntriesOnly() {
        RedisCache<String> cache = caches(client()).cache(cacheName, strings()
                .tags((key, value) -> List.of("room:" + value.split("/")[0])).build());
        cache.put("m1", "1/hello");
        cache.put("m2", "1/hi");
        cache.get("m3", key -> "1/loaded");
        cache.put("m4", "2/other room");

        assertThat(cache.evictTag("room:1")).isEqualTo(3);

        assertThat(cache.get("m1")).isEmpty();
        assertThat(cache.get("m2")).isEmpty();
        assertThat(cache.get("m3")).isEmpty();
        assertThat(cache.get("m4")).contains("2/other room");
        assertThat(cache.evictTag("room:1")).isZero();
        assertThat(cache.evictTag("no such tag")).isZero();
    }

    @Test
    void clear_leavesOtherCachesAndServicesIntact() {
        RedisService redis = client();
        RedisCaches caches = caches(redis);
        RedisCache<String> cleared = caches.cache(cacheName, strings().tags((key, value) -> List.of("t")).build());
        RedisCache<String> neighbour = caches.cache(cacheName + "-x", strings().build());
        RedisService otherService = client(prefix + "other:", Clock.systemUTC());
        RedisCache<String> sameNameElsewhere = caches(otherService).cache(cacheName, strings().build());
        for (int i = 0; i < 1200; i++) {
            cleared.put("k" + i, "v");
        }
        neighbour.put("k1", "kept");
        sameNameElsewhere.put("k1", "kept too");
        redis.set("plain", "kept as well");

        assertThat(cleared.clear()).isEqualTo(1200);

        assertThat(cleared.get("k1")).isEmpty();
        try (var left = redis.scan("cache:{" + cacheName + ":*")) {
            assertThat(left).isEmpty();
        }
        assertThat(neighbour.get("k1")).contains("kept");
        assertThat(sameNameElsewhere.get("k1")).contains("kept too");
        assertThat(redis.get("plain")).contains("kept as well");
        assertThat(cleared.clear()).isZero();
    }

    // --- bulk ---

    @Test
    void getAll_hitsAndMisses_loadsTheMissesInOneCall() {
        RedisCache<String> cache = caches(client()).cache(cacheName, strings().negativeTtl(Duration.ofMinutes(1)).build());
        cache.put("a", "A");
        cache.put("b", "B");
        List<Set<String>> bulkCalls = new CopyOnWriteArrayList<>();
        BulkLoader<String> loader = keys -> {
            bulkCalls.add(Set.copyOf(keys));
            Map<String, String> found = new HashMap<>();
            keys.stream().filter(key -> !key.equals("none")).forEach(key -> found.put(key, key.toUpperCase()));
            return found;
        };

        Map<String, String> values = cache.getAll(List.of("a", "b", "c", "d", "none", "a"), loader);

        assertThat(values).containsExactly(Map.entry("a", "A"), Map.entry("b", "B"), Map.entry("c", "C"), Map.entry("d", "D"));
        assertThat(bulkCalls).containsExactly(Set.of("c", "d", "none"));
        assertThat(cache.getAll(List.of("a", "b", "c", "d", "none"), loader)).hasSize(4);
        assertThat(bulkCalls).hasSize(1);
    }

    // --- near cache ---

    static CacheOptions.Builder<String> nearStrings() {
        return strings().nearCache(NearCacheOptions.DEFAULT);
    }

    @Test
    void nearCache_secondRead_isServedInProcess() {
        RedisCache<String> cache = caches(client()).cache(cacheName, nearStrings().build());
        cache.put("k", "v");
        warmNear(cache, "k");
        long nearHits = cache.stats().nearHits();

        assertThat(cache.get("k")).contains("v");
        assertThat(cache.get("k", key -> "not called")).contains("v");

        assertThat(cache.stats().nearHits()).isEqualTo(nearHits + 2);
    }

    @Test
    void nearCache_anotherClientsPut_isSeenWithinFiftyMillis() {
        RedisCache<String> reader = caches(client()).cache(cacheName, nearStrings().build());
        RedisCache<String> writer = caches(client()).cache(cacheName, nearStrings().build());
        writer.put("k", "v1");
        warmNear(reader, "k");

        writer.put("k", "v2");

        await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofMillis(50)).until(() -> reader.get("k").equals(Optional.of("v2")));
    }

    @Test
    void nearCache_anotherClientsEvict_isSeenWithinFiftyMillis() {
        RedisCache<String> reader = caches(client()).cache(cacheName, nearStrings().build());
        RedisCache<String> writer = caches(client()).cache(cacheName, nearStrings().build());
        writer.put("k", "v1");
        warmNear(reader, "k");

        writer.evict("k");

        await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofMillis(50)).until(() -> reader.get("k").isEmpty());
    }

    @Test
    void nearCache_writeOutsideTheLibrary_isSeenThroughClientTracking() {
        RedisCache<String> reader = caches(client()).cache(cacheName, nearStrings().build());
        RedisService other = client();
        reader.put("k", "v1");
        warmNear(reader, "k");
        assertThat(((DefaultRedisCache<String>) reader).tracked()).isTrue();

        other.del(new CacheKeys(cacheName).entry("k")); // no announcement: only the server's tracking tells

        await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofMillis(50)).until(() -> reader.get("k").isEmpty());
    }

    @Test
    void nearCache_ownWrite_isReadBackAtOnce() {
        RedisCache<String> cache = caches(client()).cache(cacheName, nearStrings().build());
        cache.put("k", "v1");
        warmNear(cache, "k");

        cache.put("k", "v2");
        assertThat(cache.get("k")).contains("v2");
        warmNear(cache, "k");
        cache.putThrough("k", "v3", (key, value) -> { });
        assertThat(cache.get("k")).contains("v3");
        warmNear(cache, "k");
        cache.evict("k");
        assertThat(cache.get("k")).isEmpty();
    }

    @Test
    void nearCache_closeToExpiry_leavesReadsToRedisWhereXfetchRefreshes() {
        TestClock clock = new TestClock(START);
        RedisCache<String> cache = directCaches(client(prefix, clock)).cache(cacheName, strings()
                .ttl(TtlPolicy.fixed(Duration.ofSeconds(60)).withJitter(0)).random(() -> 0.5)
                .nearCache(new NearCacheOptions(100, 1024 * 1024, Duration.ofMinutes(10))).build());
        AtomicInteger loads = new AtomicInteger();
        CacheLoader<String> loader = key -> {
            clock.advance(Duration.ofSeconds(1)); // the load takes 1 s: delta
            return "v" + loads.incrementAndGet();
        };
        cache.get("k", loader); // stored at START + 1 s, expires at START + 61 s; held near until 20 deltas before
        warmNear(cache, "k");

        clock.set(START.plusSeconds(61 - 20).minusMillis(100));
        long nearHits = cache.stats().nearHits();
        assertThat(cache.get("k", loader)).contains("v1");
        assertThat(cache.stats().nearHits()).isEqualTo(nearHits + 1);

        clock.set(START.plusSeconds(61 - 20).plusMillis(100));
        assertThat(cache.get("k", loader)).contains("v1");
        assertThat(cache.stats().nearHits()).as("read from Redis once the early-refresh window may start").isEqualTo(nearHits + 1);

        clock.set(START.plusSeconds(61).minusMillis(600)); // with a draw of 0.5, due 693 ms before expiry
        assertThat(cache.get("k", loader)).contains("v1");
        assertThat(loads).hasValue(2);
    }

    @Test
    void nearCache_manyKeys_holdsAtMostMaxEntries() {
        RedisCache<String> cache = caches(client()).cache(cacheName, strings()
                .nearCache(new NearCacheOptions(10, 1024 * 1024, Duration.ofMinutes(1))).build());

        for (int i = 0; i < 100; i++) {
            int n = i;
            cache.get("k" + i, key -> "v" + n);
            cache.get("k" + i);
        }

        assertThat(((DefaultRedisCache<String>) cache).nearSize()).isBetween(1L, 10L);
    }

    @Test
    void nearCache_bigValues_holdsAtMostMaxWeight() {
        RedisCache<String> cache = caches(client()).cache(cacheName, strings()
                .nearCache(new NearCacheOptions(1000, 10_000, Duration.ofMinutes(1))).build());

        for (int i = 0; i < 20; i++) {
            cache.get("k" + i, key -> "x".repeat(2_000));
            cache.get("k" + i);
        }

        assertThat(((DefaultRedisCache<String>) cache).nearSize()).isBetween(1L, 5L);
    }

    // --- write-behind ---

    /** A store that applies a write only when its version is newer, and remembers every write it applied. */
    static final class VersionedStore implements VersionedStoreWriter<String> {
        final Map<String, String> values = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<String, String> versions = new java.util.concurrent.ConcurrentHashMap<>();
        final List<String> applied = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public synchronized void write(String key, String value, String version) {
            calls.incrementAndGet();
            String stored = versions.get(key);
            if (stored == null || WriteBehind.compareVersions(version, stored) > 0) {
                versions.put(key, version);
                values.put(key, value);
                applied.add(version);
            }
        }
    }

    WriteBehind<String> writeBehind(RedisService redis, RedisCache<String> cache, VersionedStoreWriter<String> writer, WriteBehindOptions options) {
        WriteBehind<String> writeBehind = WriteBehind.start(redis, cache, writer, options);
        opened.add(writeBehind);
        return writeBehind;
    }

    @Test
    void writeBehind_manyWritesOfFewKeys_storeEndsWithTheNewestOfEach() {
        RedisService redis = client();
        RedisCache<String> cache = caches(redis).cache(cacheName, strings().build());
        VersionedStore store = new VersionedStore();
        WriteBehind<String> writeBehind = writeBehind(redis, cache, store, WriteBehindOptions.DEFAULT);

        for (int i = 0; i < 50; i++) {
            writeBehind.put("k" + i % 5, "v" + i);
        }

        for (int k = 0; k < 5; k++) {
            assertThat(cache.get("k" + k)).contains("v" + (45 + k));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> store.calls.get() == 50);
        for (int k = 0; k < 5; k++) {
            assertThat(store.values).containsEntry("k" + k, "v" + (45 + k));
        }
        assertThat(store.applied).doesNotHaveDuplicates().hasSize(50); // one worker: queue order, nothing skipped
    }

    @Test
    void writeBehind_instanceDiesMidWrite_anotherTakesOverAndNothingIsAppliedTwice() throws Exception {
        WriteBehindOptions options = WriteBehindOptions.DEFAULT.withClaimMinIdle(Duration.ofMillis(500));
        VersionedStore store = new VersionedStore();
        RedisService dyingRedis = client();
        RedisCache<String> dyingCache = caches(dyingRedis).cache(cacheName, strings().build());
        CountDownLatch dead = new CountDownLatch(1);
        AtomicInteger dyingCalls = new AtomicInteger();
        WriteBehind<String> dying = WriteBehind.start(dyingRedis, dyingCache, (key, value, version) -> {
            store.write(key, value, version); // written, then the instance "dies" before acknowledging
            if (dyingCalls.incrementAndGet() == 1) {
                dead.await(30, TimeUnit.SECONDS);
                throw new IllegalStateException("dead");
            }
        }, options);
        try {
            String first = dying.put("k", "v1");
            await().atMost(Duration.ofSeconds(5)).until(() -> store.applied.contains(first));
            String second = dying.put("k", "v2");
            String third = dying.put("other", "x");

            RedisService survivorRedis = client();
            RedisCache<String> survivorCache = caches(survivorRedis).cache(cacheName, strings().build());
            writeBehind(survivorRedis, survivorCache, store, options);

            await().atMost(Duration.ofSeconds(15)).until(() -> store.applied.containsAll(List.of(second, third)));
            assertThat(store.values).containsEntry("k", "v2").containsEntry("other", "x");
            assertThat(store.applied).doesNotHaveDuplicates().containsExactlyInAnyOrder(first, second, third);
            // The first write reached the store again through the survivor, and was recognised as applied.
            await().atMost(Duration.ofSeconds(15)).until(() -> store.calls.get() >= 4);
            assertThat(store.applied).hasSize(3);
        } finally {
            dead.countDown();
            dying.close();
        }
    }

    @Test
    void writeBehind_compareVersions_ordersByTimeThenSequence() {
        assertThat(WriteBehind.compareVersions("1-0", "1-1")).isNegative();
        assertThat(WriteBehind.compareVersions("10-0", "9-5")).isPositive();
        assertThat(WriteBehind.compareVersions("7-3", "7-3")).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> WriteBehind.compareVersions("x", "1-0"));
    }

    // --- bad input ---

    @Test
    void badInput_nullKeysValuesAndLoaders_areRefusedClearly() {
        RedisCache<String> cache = caches(client()).cache(cacheName, strings().build());

        assertThatIllegalArgumentException().isThrownBy(() -> cache.get(null)).withMessageContaining("key");
        assertThatIllegalArgumentException().isThrownBy(() -> cache.get(null, key -> "v")).withMessageContaining("key");
        assertThatIllegalArgumentException().isThrownBy(() -> cache.get("k", null)).withMessageContaining("loader");
        assertThatIllegalArgumentException().isThrownBy(() -> cache.put("k", null)).withMessageContaining("value");
        assertThatIllegalArgumentException().isThrownBy(() -> cache.put(null, "v")).withMessageContaining("key");
        assertThatIllegalArgumentException().isThrownBy(() -> cache.evict(null)).withMessageContaining("key");
        assertThatIllegalArgumentException().isThrownBy(() -> cache.putAbsent(null)).withMessageContaining("key");
        assertThatIllegalArgumentException().isThrownBy(() -> cache.evictTag(null)).withMessageContaining("tag");
        assertThatIllegalArgumentException().isThrownBy(() -> cache.getAll(java.util.Arrays.asList("a", null), keys -> Map.of()))
                .withMessageContaining("key");
        cache.put("", "the empty key is a key");
        assertThat(cache.get("")).contains("the empty key is a key");
    }

    @Test
    void badInput_valueOverTheSizeLimit_isRefusedOnPutAndNotCachedOnLoad() {
        RedisCache<String> cache = caches(client()).cache(cacheName, strings().maxValueBytes(10).build());

        assertThatIllegalArgumentException().isThrownBy(() -> cache.put("big", "x".repeat(11))).withMessageContaining("maxValueBytes");
        assertThat(cache.get("big", key -> "y".repeat(11))).contains("y".repeat(11));
        assertThat(cache.get("big")).isEmpty();
        assertThat(cache.stats().oversized()).isEqualTo(2);
        cache.put("small", "fits");
        assertThat(cache.get("small")).contains("fits");
    }

    @Test
    void badInput_codecFailsToEncode_throwsReleasesTheLeaseAndServesOtherKeys() {
        ValueCodec<String> picky = new ValueCodec<>() {
            @Override
            public byte[] encode(String value) {
                if (value.equals("poison")) {
                    throw new IllegalArgumentException("cannot encode poison");
                }
                return value.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public String decode(byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
        };
        RedisCache<String> cache = caches(client()).cache(cacheName, CacheOptions.builder(picky).build());

        assertThatIllegalArgumentException().isThrownBy(() -> cache.get("k", key -> "poison")).withMessageContaining("poison");

        long started = System.nanoTime();
        assertThat(cache.get("k", key -> "fine")).contains("fine");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CacheOptions.DEFAULT_LEASE_TIME);
        assertThat(cache.get("other", key -> "also fine")).contains("also fine");
    }

    @Test
    void badInput_entryTheCodecCannotRead_isAMissAndReloaded() {
        RedisService redis = client();
        RedisCaches caches = caches(redis);
        RedisCache<Integer> cache = caches.cache(cacheName, CacheOptions.builder(new ValueCodec<Integer>() {
            @Override
            public byte[] encode(Integer value) {
                return value.toString().getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public Integer decode(byte[] bytes) {
                return Integer.valueOf(new String(bytes, StandardCharsets.UTF_8));
            }
        }).build());
        redis.set(new CacheKeys(cacheName).entry("n"), new StoredEntry(Long.MAX_VALUE / 2, 0,
                "not a number".getBytes(StandardCharsets.UTF_8)).format());
        redis.set(new CacheKeys(cacheName).entry("garbage"), "not an entry at all");

        assertThat(cache.get("n")).isEmpty();
        assertThat(cache.get("n", key -> 7)).contains(7);
        assertThat(cache.get("n")).contains(7);
        assertThat(cache.get("garbage", key -> 8)).contains(8);
        assertThat(cache.stats().errors()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void cache_sameNameOtherOptionsOrBadName_isRefused() {
        RedisCaches caches = caches(client());
        CacheOptions<String> options = strings().build();
        RedisCache<String> cache = caches.cache(cacheName, options);

        assertThat(caches.cache(cacheName, options)).isSameAs(cache);
        assertThatIllegalArgumentException().isThrownBy(() -> caches.cache(cacheName, strings().build()))
                .withMessageContaining("other options");
        assertThatIllegalArgumentException().isThrownBy(() -> caches.cache("a:b", options)).withMessageContaining("cache name");
    }

    @Test
    void closedCaches_refuseCalls() {
        RedisCaches caches = caches(client());
        RedisCache<String> cache = caches.cache(cacheName, strings().build());

        caches.close();

        assertThatThrownBy(() -> cache.get("k")).isInstanceOf(IllegalStateException.class);
    }

    // --- helpers ---

    /**
     * Reads the keys until the near cache serves them: the invalidation that client tracking
     * pushes for the write that stored them may arrive after the first read kept them.
     */
    static void warmNear(RedisCache<String> cache, String... keys) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> {
            long before = cache.stats().nearHits();
            for (String key : keys) {
                cache.get(key);
            }
            return cache.stats().nearHits() - before == keys.length;
        });
    }

    Optional<String> lease(RedisService redis, String key) {
        return redis.get(new CacheKeys(cacheName).lease(key));
    }

    interface Call<T> {
        T call(int index) throws Exception;
    }

    /** Starts the calls on threads of their own, all released together. */
    <T> List<Future<T>> concurrently(int count, Call<T> call) {
        CyclicBarrier start = new CyclicBarrier(count);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return call.call(index);
            }));
        }
        return futures;
    }
}
