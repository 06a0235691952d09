package org.chatapp.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.chatapp.redis.TestClock;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rate limiter behaviour against a real server, run by one subclass per topology. Time is the
 * service's injected clock ({@link TimeSource#SERVICE_CLOCK}), stepped to the millisecond, except
 * in the tests named for the server's clock. Each test has limiters of its own name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RateLimiterContract {

    /** 2023-11-14T22:13:20Z: a multiple of 10 s, so a 10 s fixed window starts here. */
    static final long WINDOW_START = 1_700_000_000_000L;

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final AtomicInteger names = new AtomicInteger();

    private final TestClock clock = new TestClock(WINDOW_START);
    private final String keyPrefix = getClass().getSimpleName() + "-" + System.nanoTime() + ":";
    private final List<RedisService> services = new ArrayList<>();
    private RedisService redis;
    private String name;

    /** Returns options for the topology under test, without a key prefix or clock. */
    abstract RedisOptions.Builder topology();

    @BeforeEach
    void nameAndTime(TestInfo test) {
        String method = test.getTestMethod().orElseThrow().getName();
        name = method.substring(0, Math.min(method.length(), 80)) + "-" + names.incrementAndGet();
        clock.set(WINDOW_START);
    }

    @AfterAll
    void closeServices() {
        services.forEach(RedisService::close);
    }

    RedisService redis() {
        if (redis == null) {
            redis = service(clock);
        }
        return redis;
    }

    /** Returns another service on the same keys, as a second application instance would have. */
    RedisService service(Clock serviceClock) {
        RedisService service = RedisService.create(topology()
                .keyPrefix(keyPrefix).clock(serviceClock).build());
        services.add(service);
        return service;
    }

    /** Returns a limiter of this test's name reading the stepped clock. */
    RateLimiter limiter(RateLimitPolicy policy) {
        return RateLimiters.create(redis(), new RateLimiterOptions(name, policy, TimeSource.SERVICE_CLOCK));
    }

    void at(long millisAfterWindowStart) {
        clock.set(WINDOW_START + millisAfterWindowStart);
    }

    static RateLimitDecision allowed(long remaining, Duration resetAfter) {
        return new RateLimitDecision(true, remaining, Duration.ZERO, resetAfter);
    }

    static RateLimitDecision refused(long remaining, Duration retryAfter, Duration resetAfter) {
        return new RateLimitDecision(false, remaining, retryAfter, resetAfter);
    }

    static Stream<Arguments> policiesOfFifty() {
        return Stream.of(Arguments.of(RateLimitPolicy.fixedWindow(50, TEN_SECONDS)),
                Arguments.of(RateLimitPolicy.slidingWindow(50, TEN_SECONDS)),
                Arguments.of(RateLimitPolicy.tokenBucket(50, 1, Duration.ofHours(1))));
    }

    static Stream<Arguments> policiesOf200Milliseconds() {
        Duration window = Duration.ofMillis(200);
        return Stream.of(Arguments.of(RateLimitPolicy.fixedWindow(3, window)), Arguments.of(RateLimitPolicy.slidingWindow(3, window)),
                Arguments.of(RateLimitPolicy.tokenBucket(3, 3, window)));
    }

    // ---- fixed window: 3 per 10 s

    @Test
    void fixedWindow_permitsGranted_countRemainingDown() {
        RateLimiter limiter = limiter(RateLimitPolicy.fixedWindow(3, TEN_SECONDS));

        assertThat(List.of(limiter.tryAcquire("user:1"), limiter.tryAcquire("user:1"), limiter.tryAcquire("user:1")))
                .containsExactly(allowed(2, TEN_SECONDS), allowed(1, TEN_SECONDS), allowed(0, TEN_SECONDS));
    }

    @Test
    void fixedWindow_limitUsedUpAtTheLastMillisecond_refusesWithRetryAfterToTheEdge() {
        RateLimiter limiter = limiter(RateLimitPolicy.fixedWindow(3, TEN_SECONDS));
        at(9_999);
        limiter.tryAcquire("user:1", 3);

        assertThat(limiter.tryAcquire("user:1")).isEqualTo(refused(0, Duration.ofMillis(1), Duration.ofMillis(1)));
    }

    @Test
    void fixedWindow_clockReachesTheEdge_grantsTheWholeLimitAgain() {
        RateLimiter limiter = limiter(RateLimitPolicy.fixedWindow(3, TEN_SECONDS));
        at(9_999);
        limiter.tryAcquire("user:1", 3);
        at(10_000);

        assertThat(limiter.tryAcquire("user:1", 3)).isEqualTo(allowed(0, TEN_SECONDS));
    }

    @Test
    void fixedWindow_clockStepsBackAcrossTheEdge_staysInTheNewerWindow() {
        RateLimiter limiter = limiter(RateLimitPolicy.fixedWindow(3, TEN_SECONDS));
        at(10_000);
        limiter.tryAcquire("user:1", 3);
        at(9_999);

        assertThat(limiter.tryAcquire("user:1")).isEqualTo(refused(0, TEN_SECONDS, TEN_SECONDS));
    }

    // ---- sliding window: 3 per 10 s

    @Test
    void slidingWindow_oldestPermitStillInside_refusesUntilItLeaves() {
        RateLimiter limiter = limiter(RateLimitPolicy.slidingWindow(3, TEN_SECONDS));
        limiter.tryAcquire("user:1");
        at(5_000);
        limiter.tryAcquire("user:1", 2);
        at(9_999);

        assertThat(limiter.tryAcquire("user:1")).isEqualTo(refused(0, Duration.ofMillis(1), Duration.ofMillis(5_001)));
    }

    @Test
    void slidingWindow_oldestPermitLeavesAtExactlyOneWindow_grantsOneMore() {
        RateLimiter limiter = limiter(RateLimitPolicy.slidingWindow(3, TEN_SECONDS));
        limiter.tryAcquire("user:1");
        at(5_000);
        limiter.tryAcquire("user:1", 2);
        at(10_000);

        assertThat(List.of(limiter.tryAcquire("user:1"), limiter.tryAcquire("user:1")))
                .containsExactly(allowed(0, TEN_SECONDS), refused(0, Duration.ofSeconds(5), TEN_SECONDS));
    }

    @Test
    void slidingWindow_burstAtAFixedWindowsEdge_isNotGrantedTwice() {
        RateLimiter limiter = limiter(RateLimitPolicy.slidingWindow(3, TEN_SECONDS));
        at(9_999);
        limiter.tryAcquire("user:1", 3);
        at(10_000);

        assertThat(limiter.tryAcquire("user:1")).isEqualTo(refused(0, Duration.ofMillis(9_999), Duration.ofMillis(9_999)));
    }

    @Test
    void slidingWindow_morePermitsThanFree_retryAfterIsWhenEnoughHaveLeft() {
        RateLimiter limiter = limiter(RateLimitPolicy.slidingWindow(3, TEN_SECONDS));
        limiter.tryAcquire("user:1");
        at(1_000);
        limiter.tryAcquire("user:1");
        at(2_000);
        limiter.tryAcquire("user:1");
        at(3_000);

        // Two permits need the entries of 0 s and 1 s gone: the later leaves at 11 s.
        assertThat(limiter.tryAcquire("user:1", 2)).isEqualTo(refused(0, Duration.ofSeconds(8), Duration.ofSeconds(9)));
    }

    // ---- token bucket: 3 tokens, 3 per second (one every 333.3 ms)

    @Test
    void tokenBucket_emptied_refusesUntilTheNextWholeTokenThenGrantsIt() {
        RateLimiter limiter = limiter(RateLimitPolicy.tokenBucket(3, 3, Duration.ofSeconds(1)));
        limiter.tryAcquire("user:1", 3);
        at(333);
        RateLimitDecision early = limiter.tryAcquire("user:1");
        at(334);

        assertThat(early).isEqualTo(refused(0, Duration.ofMillis(1), Duration.ofMillis(667)));
        assertThat(limiter.tryAcquire("user:1")).isEqualTo(allowed(0, Duration.ofSeconds(1)));
    }

    @Test
    void tokenBucket_askedEveryMillisecond_grantsExactlyOnScheduleWithoutDrift() {
        RateLimiter limiter = limiter(RateLimitPolicy.tokenBucket(3, 3, Duration.ofSeconds(1)));
        limiter.tryAcquire("user:1", 3);
        List<Integer> grantedAt = new ArrayList<>();
        for (int millis = 1; millis <= 1_000; millis++) {
            at(millis);
            if (limiter.tryAcquire("user:1").allowed()) {
                grantedAt.add(millis);
            }
        }

        assertThat(grantedAt).containsExactly(334, 667, 1_000);
    }

    @Test
    void tokenBucket_idleForAnHour_holdsNoMoreThanItsCapacity() {
        RateLimiter limiter = limiter(RateLimitPolicy.tokenBucket(3, 3, Duration.ofSeconds(1)));
        limiter.tryAcquire("user:1", 3);
        at(Duration.ofHours(1).toMillis());

        assertThat(limiter.tryAcquire("user:1")).isEqualTo(allowed(2, Duration.ofMillis(334)));
    }

    @Test
    void tokenBucket_morePermitsThanTokens_refusedWithoutTakingAny() {
        RateLimiter limiter = limiter(RateLimitPolicy.tokenBucket(3, 3, Duration.ofSeconds(1)));
        limiter.tryAcquire("user:1", 2);

        assertThat(limiter.tryAcquire("user:1", 2)).isEqualTo(refused(1, Duration.ofMillis(334), Duration.ofMillis(667)));
        assertThat(limiter.tryAcquire("user:1")).isEqualTo(allowed(0, Duration.ofSeconds(1)));
    }

    @Test
    void tokenBucket_clockStepsBack_keepsTheTokensItHad() {
        RateLimiter limiter = limiter(RateLimitPolicy.tokenBucket(3, 3, Duration.ofSeconds(1)));
        at(1_000);
        limiter.tryAcquire("user:1");
        at(0);

        assertThat(limiter.tryAcquire("user:1")).isEqualTo(allowed(1, Duration.ofMillis(667)));
    }

    // ---- every policy

    @ParameterizedTest
    @MethodSource("policiesOfFifty")
    void tryAcquire_16ThreadsOnOneKey_grantExactlyTheLimitOnceEach(RateLimitPolicy policy) throws Exception {
        RateLimiter limiter = limiter(policy);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Long>>> remainingSeen = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                remainingSeen.add(threads.submit(() -> {
                    start.await();
                    List<Long> remaining = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        RateLimitDecision decision = limiter.tryAcquire("user:1");
                        if (decision.allowed()) {
                            remaining.add(decision.remaining());
                        }
                    }
                    return remaining;
                }));
            }
            start.countDown();
            List<Long> granted = new ArrayList<>();
            for (Future<List<Long>> thread : remainingSeen) {
                granted.addAll(thread.get(30, TimeUnit.SECONDS));
            }

            // 160 attempts at one instant: 50 granted, each seeing a different count, as if in a queue.
            assertThat(granted).hasSize(50).containsExactlyInAnyOrderElementsOf(
                    Stream.iterate(0L, n -> n + 1).limit(50).toList());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void tryAcquireAsync_withinTheLimit_answersLikeTheBlockingCall() {
        RateLimiter limiter = limiter(RateLimitPolicy.fixedWindow(1, TEN_SECONDS));

        assertThat(limiter.tryAcquireAsync("user:1").toCompletableFuture().join()).isEqualTo(allowed(0, TEN_SECONDS));
        assertThat(limiter.tryAcquireAsync("user:1").toCompletableFuture().join())
                .isEqualTo(refused(0, TEN_SECONDS, TEN_SECONDS));
    }

    @Test
    void tryAcquire_serversClock_instancesWithSkewedClocksShareOneWindow() {
        // Two application instances whose own clocks are an hour apart: by their clocks the first
        // one's permits would have left the second one's window long ago.
        RedisService early = service(Clock.fixed(clock.instant(), clock.getZone()));
        RedisService late = service(Clock.offset(Clock.fixed(clock.instant(), clock.getZone()), Duration.ofHours(1)));
        RateLimiterOptions options = RateLimiterOptions.of(name, RateLimitPolicy.slidingWindow(3, Duration.ofMinutes(1)));
        RateLimiter first = RateLimiters.create(early, options);
        RateLimiter second = RateLimiters.create(late, options);

        List<Boolean> granted = List.of(first.tryAcquire("user:1").allowed(), second.tryAcquire("user:1").allowed(),
                first.tryAcquire("user:1").allowed(), second.tryAcquire("user:1").allowed());

        assertThat(granted).containsExactly(true, true, true, false);
    }

    @Test
    void tryAcquire_differentNames_countSeparately() {
        RateLimiter login = limiter(RateLimitPolicy.fixedWindow(1, TEN_SECONDS));
        RateLimiter search = RateLimiters.create(redis(), new RateLimiterOptions(name + "-other",
                RateLimitPolicy.fixedWindow(1, TEN_SECONDS), TimeSource.SERVICE_CLOCK));
        login.tryAcquire("user:1");

        assertThat(search.tryAcquire("user:1").allowed()).isTrue();
    }

    @Test
    void tryAcquire_differentKeys_countSeparately() {
        RateLimiter limiter = limiter(RateLimitPolicy.fixedWindow(1, TEN_SECONDS));
        limiter.tryAcquire("user:1");

        assertThat(limiter.tryAcquire("user:2").allowed()).isTrue();
    }

    @Test
    void tryAcquire_anyKey_storedUnderTheLimiterNamespace() {
        limiter(RateLimitPolicy.tokenBucket(3, 1, TEN_SECONDS)).tryAcquire("user:1");

        assertThat(redis().exists("ratelimit:token-bucket:" + name + ":user:1")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("policiesOf200Milliseconds")
    void tryAcquire_serversClock_keyExpiresWhenItsStateWouldBeEmpty(RateLimitPolicy policy) {
        RateLimiter limiter = RateLimiters.create(redis(), RateLimiterOptions.of(name, policy));
        String key = ((ScriptedRateLimiter) limiter).storedKey("user:1");
        limiter.tryAcquire("user:1");

        assertThat(redis().ttl(key)).hasValueSatisfying(ttl -> assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofMillis(200)));
        await().atMost(Duration.ofSeconds(5)).until(() -> redis().exists(key) == 0);
    }

    @Test
    void tryAcquire_serviceClock_keyOutlivesItsStateByTheGrace() {
        RateLimiter limiter = limiter(RateLimitPolicy.slidingWindow(3, TEN_SECONDS));
        limiter.tryAcquire("user:1");

        assertThat(redis().ttl(((ScriptedRateLimiter) limiter).storedKey("user:1"))).hasValueSatisfying(ttl -> assertThat(ttl)
                .isGreaterThan(RateLimiterOptions.SERVICE_CLOCK_EXPIRY_GRACE)
                .isLessThanOrEqualTo(RateLimiterOptions.SERVICE_CLOCK_EXPIRY_GRACE.plus(TEN_SECONDS)));
    }

    // ---- bad input

    static Stream<Arguments> badKeys() {
        return Stream.of(Arguments.of(null, "key must not be empty, was null"), Arguments.of("", "key must not be empty, was ''"),
                Arguments.of("k".repeat(RateLimiter.MAX_KEY_BYTES + 1), "key must be at most 1024 bytes in UTF-8, was 1025 bytes"),
                Arguments.of("€".repeat(400), "key must be at most 1024 bytes in UTF-8, was 1200 bytes"));
    }

    @ParameterizedTest
    @MethodSource("badKeys")
    void tryAcquire_badKey_throwsNamingTheKey(String key, String message) {
        RateLimiter limiter = limiter(RateLimitPolicy.fixedWindow(3, TEN_SECONDS));

        assertThatIllegalArgumentException().isThrownBy(() -> limiter.tryAcquire(key)).withMessageStartingWith(message);
    }

    @Test
    void tryAcquire_keyOfExactlyTheMaximumLength_isAccepted() {
        RateLimiter limiter = limiter(RateLimitPolicy.fixedWindow(3, TEN_SECONDS));

        assertThat(limiter.tryAcquire("€".repeat(341) + "k").allowed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 4, Integer.MAX_VALUE})
    void tryAcquire_permitsOutsideOneToTheLimit_throwsNamingPermits(int permits) {
        RateLimiter limiter = limiter(RateLimitPolicy.slidingWindow(3, TEN_SECONDS));

        assertThatIllegalArgumentException().isThrownBy(() -> limiter.tryAcquire("user:1", permits))
                .withMessage("permits must be from 1 to 3 (the policy's limit), was " + permits);
    }

    @Test
    void tryAcquire_permitsAboveTheCapacity_throwsNamingTheCapacity() {
        RateLimiter limiter = limiter(RateLimitPolicy.tokenBucket(3, 1, TEN_SECONDS));

        assertThatIllegalArgumentException().isThrownBy(() -> limiter.tryAcquire("user:1", 4))
                .withMessage("permits must be from 1 to 3 (the policy's capacity), was 4");
    }

    @Test
    void tryAcquireAsync_badInput_failsTheStageInsteadOfThrowing() {
        RateLimiter limiter = limiter(RateLimitPolicy.fixedWindow(3, TEN_SECONDS));

        CompletableFuture<RateLimitDecision> stage = limiter.tryAcquireAsync("user:1", 0).toCompletableFuture();

        assertThat(stage).isCompletedExceptionally();
        assertThatThrownBy(stage::join).cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("permits");
    }

    @Test
    void tryAcquire_afterBadInput_countIsUntouched() {
        RateLimiter limiter = limiter(RateLimitPolicy.fixedWindow(3, TEN_SECONDS));
        limiter.tryAcquire("user:1");
        try {
            limiter.tryAcquire("user:1", 4);
        } catch (IllegalArgumentException expected) {
            // the call under test; what matters is the state it leaves
        }

        assertThat(limiter.tryAcquire("user:1").remaining()).isEqualTo(1);
    }
}
