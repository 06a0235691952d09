package org.chatapp.redis.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.idempotency.IdempotencyOutcome.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/** Idempotency keys against a real server, run by one subclass per topology; each test has keys of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IdempotencyContract {

    private static final Duration TTL = Duration.ofMinutes(10);

    private final AtomicInteger runs = new AtomicInteger();
    private RedisService redis;
    private Idempotency idempotency;
    private String key;

    /** Returns options for the topology under test, without prefix. */
    abstract RedisOptions.Builder topology();

    @BeforeEach
    void nameKey(TestInfo test) {
        if (redis == null) {
            redis = RedisService.create(topology().keyPrefix(getClass().getSimpleName() + "-" + System.nanoTime() + ":").build());
            idempotency = Idempotency.of(redis);
        }
        runs.set(0);
        key = "request-" + test.getTestMethod().orElseThrow().getName();
    }

    @AfterAll
    void closeService() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void execute_firstCall_runsTheOperation() {
        IdempotencyOutcome outcome = idempotency.execute(key, TTL, () -> "order-" + runs.incrementAndGet());

        assertThat(outcome).isEqualTo(IdempotencyOutcome.executed("order-1"));
        assertThat(redis.get("idempotency:" + key)).contains("d:order-1");
    }

    @Test
    void execute_laterCall_replaysTheFirstResultWithoutRunning() {
        idempotency.execute(key, TTL, () -> "order-" + runs.incrementAndGet());

        IdempotencyOutcome outcome = idempotency.execute(key, TTL, () -> "order-" + runs.incrementAndGet());

        assertThat(outcome).isEqualTo(IdempotencyOutcome.replayed("order-1"));
        assertThat(runs).hasValue(1);
    }

    @Test
    void execute_result_isKeptForTheTtl() {
        idempotency.execute(key, TTL, () -> "r");

        assertThat(redis.ttl("idempotency:" + key)).hasValueSatisfying(ttl -> assertThat(ttl).isBetween(TTL.minusSeconds(5), TTL));
    }

    @Test
    void execute_concurrentCallers_runTheOperationOnce() throws Exception {
        int callers = 8;
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch othersAnswered = new CountDownLatch(callers - 1);
        try {
            List<CompletableFuture<IdempotencyOutcome>> calls = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    IdempotencyOutcome outcome = idempotency.execute(key, TTL, () -> {
                        runs.incrementAndGet();
                        // Keeps the operation running until every other caller has had its answer.
                        await(othersAnswered);
                        return "charged";
                    });
                    if (outcome.status() != Status.EXECUTED) {
                        othersAnswered.countDown();
                    }
                    return outcome;
                }, threads));
            }
            start.countDown();

            List<IdempotencyOutcome> outcomes = calls.stream().map(CompletableFuture::join).toList();

            assertThat(runs).hasValue(1);
            assertThat(outcomes).filteredOn(outcome -> outcome.status() == Status.EXECUTED).hasSize(1);
            assertThat(outcomes).filteredOn(outcome -> outcome.status() == Status.IN_PROGRESS).hasSize(callers - 1);
            assertThat(idempotency.execute(key, TTL, () -> "again")).isEqualTo(IdempotencyOutcome.replayed("charged"));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void execute_operationThrows_theCallerGetsItsException_andARetryRunsTheOperation() {
        IllegalStateException failure = new IllegalStateException("payment provider down");

        assertThatThrownBy(() -> idempotency.execute(key, TTL, () -> {
            throw failure;
        })).isSameAs(failure);

        assertThat(idempotency.execute(key, TTL, () -> "paid")).isEqualTo(IdempotencyOutcome.executed("paid"));
    }

    @Test
    void execute_afterTheTtl_runsAgain() {
        idempotency.execute(key, Duration.ofMillis(200), () -> "first");

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> redis.exists("idempotency:" + key) == 0);

        assertThat(idempotency.execute(key, TTL, () -> "second")).isEqualTo(IdempotencyOutcome.executed("second"));
    }

    @Test
    void execute_claimOfACallerThatDied_lapsesAfterTheLease() {
        Idempotency shortLease = Idempotency.of(redis, IdempotencyOptions.defaults().withLease(Duration.ofMillis(300)));
        redis.set("idempotency:" + key, "p:caller-that-died", Duration.ofMillis(300));

        assertThat(shortLease.execute(key, TTL, () -> "mine").status()).isEqualTo(Status.IN_PROGRESS);
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> shortLease.execute(key, TTL, () -> "mine").status() == Status.EXECUTED);
    }

    @Test
    void execute_operationOutlivingItsLease_neverOverwritesTheCallerThatTookOver() {
        Idempotency shortLease = Idempotency.of(redis, IdempotencyOptions.defaults().withLease(Duration.ofMillis(100)));
        List<IdempotencyOutcome> takeOver = new ArrayList<>();

        IdempotencyOutcome slow = shortLease.execute(key, TTL, () -> {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> redis.exists("idempotency:" + key) == 0);
            takeOver.add(shortLease.execute(key, TTL, () -> "second"));
            return "late";
        });

        assertThat(slow).isEqualTo(IdempotencyOutcome.executed("late"));
        assertThat(takeOver).containsExactly(IdempotencyOutcome.executed("second"));
        assertThat(shortLease.execute(key, TTL, () -> "third")).isEqualTo(IdempotencyOutcome.replayed("second"));
    }

    @Test
    void execute_operationReturningNull_isRefused_andTheKeyStaysClaimed() {
        assertThatThrownBy(() -> idempotency.execute(key, TTL, () -> null)).isInstanceOf(IllegalStateException.class)
                .hasMessage("operation returned null; return an empty string for no result (the key stays claimed until the lease "
                        + "of PT1M ends)");

        assertThat(idempotency.execute(key, TTL, () -> "x").status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void execute_resultLargerThanTheLimit_isRefused() {
        Idempotency small = Idempotency.of(redis, IdempotencyOptions.defaults().withMaxResultBytes(4));

        assertThatThrownBy(() -> small.execute(key, TTL, () -> "héllo")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("operation returned 6 bytes, more than idempotency.maxResultBytes (4)");
    }

    @Test
    void execute_emptyResultAndUnicode_roundTrip() {
        idempotency.execute(key + "-empty", TTL, () -> "");
        idempotency.execute(key + "-unicode", TTL, () -> "zoë ✓ 🎉");

        assertThat(idempotency.execute(key + "-empty", TTL, () -> "x")).isEqualTo(IdempotencyOutcome.replayed(""));
        assertThat(idempotency.execute(key + "-unicode", TTL, () -> "x")).isEqualTo(IdempotencyOutcome.replayed("zoë ✓ 🎉"));
    }

    @Test
    void badInput_isRejectedNamingTheArgument_andTheOperationNeverRuns() {
        Runnable never = () -> runs.incrementAndGet();

        assertThatIllegalArgumentException().isThrownBy(() -> idempotency.execute(null, TTL, () -> "x"))
                .withMessage("key must not be empty, was null");
        assertThatIllegalArgumentException().isThrownBy(() -> idempotency.execute("", TTL, () -> "x"))
                .withMessage("key must not be empty, was ''");
        assertThatIllegalArgumentException().isThrownBy(() -> idempotency.execute("k".repeat(1025), TTL, () -> "x"))
                .withMessage("key must be at most 1024 characters, was 1025 characters");
        assertThatIllegalArgumentException().isThrownBy(() -> idempotency.execute(key, Duration.ZERO, () -> {
            never.run();
            return "x";
        })).withMessage("ttl must be from 1 ms to 1000 years, was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> idempotency.execute(key, null, () -> "x"))
                .withMessage("ttl must be from 1 ms to 1000 years, was null");
        assertThatIllegalArgumentException().isThrownBy(() -> idempotency.execute(key, Duration.ofSeconds(-1), () -> "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> idempotency.execute(key, TTL, null))
                .withMessage("operation must not be null");
        assertThat(runs).hasValue(0);
        assertThat(redis.exists("idempotency:" + key)).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
