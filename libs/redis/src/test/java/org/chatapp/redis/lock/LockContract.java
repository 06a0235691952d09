package org.chatapp.redis.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/** The lock against a real server, run by one subclass per topology; each test locks names of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LockContract {

    private final List<AutoCloseable> opened = new ArrayList<>();
    private String prefix;
    private String lockName;

    /** Returns options for the topology under test. */
    abstract RedisOptions.Builder options();

    @BeforeEach
    void names(TestInfo test) {
        prefix = getClass().getSimpleName() + "-" + System.nanoTime() + ":";
        lockName = test.getTestMethod().orElseThrow().getName();
    }

    @AfterAll
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    /** A client of its own, as a second application instance would have. */
    RedisService client() {
        RedisService redis = RedisService.create(options().keyPrefix(prefix).build());
        opened.add(redis);
        return redis;
    }

    RedisLocks locks(RedisService redis, LockOptions options) {
        RedisLocks locks = RedisLocks.create(redis, options);
        opened.add(locks);
        return locks;
    }

    @Test
    void withLock_sixteenThreadsInEachOfTwoClients_neverOverlapAndLoseNoUpdate() throws Exception {
        RedisService first = client();
        RedisService second = client();
        List<RedisLocks> instances = List.of(locks(first, LockOptions.DEFAULT), locks(second, LockOptions.DEFAULT));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        int threads = 32;
        int rounds = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                RedisLocks locks = instances.get(t % 2);
                RedisService redis = t % 2 == 0 ? first : second;
                work.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        locks.withLock(lockName, Duration.ofSeconds(60), lease -> {
                            if (inside.incrementAndGet() > 1) {
                                overlaps.incrementAndGet();
                            }
                            // A read-modify-write that loses updates unless the lock excludes.
                            long value = redis.get("counter").map(Long::parseLong).orElse(0L);
                            redis.set("counter", Long.toString(value + 1));
                            inside.decrementAndGet();
                            return null;
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(overlaps).hasValue(0);
        assertThat(first.get("counter")).contains(Integer.toString(threads * rounds));
    }

    @Test
    void fencingToken_successiveAcquisitions_strictlyIncrease() {
        RedisLocks first = locks(client(), LockOptions.DEFAULT);
        RedisLocks second = locks(client(), LockOptions.DEFAULT);
        List<Long> tokens = new ArrayList<>();

        for (int i = 0; i < 10; i++) {
            try (Lease lease = (i % 2 == 0 ? first : second).tryLock(lockName).orElseThrow()) {
                tokens.add(lease.fencingToken());
            }
        }

        assertThat(tokens).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void release_afterTheLeaseRanOutAndAnotherTookIt_leavesTheNewHoldersLockAlone() {
        RedisService redis = client();
        RedisLocks first = locks(redis, LockOptions.DEFAULT);
        RedisLocks second = locks(client(), LockOptions.DEFAULT);
        Lease stale = first.tryLock(lockName).orElseThrow();
        // The lease runs out as if the holder had paused past it.
        String owner = redis.keys().raw("{lock:" + lockName + "}");
        redis.getClient().pexpire(owner, 1);
        Lease current = second.tryLock(lockName, Duration.ofSeconds(5)).orElseThrow();

        assertThat(stale.release()).isFalse();
        assertThat(current.isHeld()).isTrue();
        assertThat(second.tryLock(lockName)).isEmpty();
        assertThat(current.fencingToken()).isGreaterThan(stale.fencingToken());
        assertThat(current.release()).isTrue();
    }

    @Test
    void isHeld_renewalFindsAnotherHolder_turnsFalseAndCountsTheLoss() {
        RedisService redis = client();
        LockOptions quickRenewal = LockOptions.DEFAULT.withLeaseTime(Duration.ofSeconds(3));
        RedisLocks staleLocks = locks(redis, quickRenewal);
        Lease stale = staleLocks.tryLock(lockName).orElseThrow();
        redis.getClient().pexpire(redis.keys().raw("{lock:" + lockName + "}"), 1);
        Lease current = locks(client(), quickRenewal).tryLock(lockName, Duration.ofSeconds(5)).orElseThrow();

        await().atMost(Duration.ofSeconds(5)).until(() -> !stale.isHeld());
        assertThat(current.isHeld()).isTrue();
        assertThat(staleLocks.stats()).isEqualTo(new LockStats(1, 0, 1, 0));
    }

    @Test
    void watchdog_holderWorkingLongerThanTheLease_keepsTheLock() {
        RedisService redis = client();
        Lease lease = locks(redis, LockOptions.DEFAULT.withLeaseTime(Duration.ofMillis(900))).tryLock(lockName).orElseThrow();
        RedisLocks other = locks(client(), LockOptions.DEFAULT);

        // Three lease times pass: only renewals keep the key alive.
        await().pollDelay(Duration.ofMillis(2700)).atMost(Duration.ofSeconds(4)).until(() -> true);

        assertThat(lease.isHeld()).isTrue();
        assertThat(other.tryLock(lockName)).isEmpty();
        lease.close();
    }

    @Test
    void tryLock_waiterInThisProcess_isWokenByTheReleaseNotByTheLease() throws Exception {
        RedisLocks locks = locks(client(), LockOptions.DEFAULT);
        Lease holder = locks.tryLock(lockName).orElseThrow();
        CompletableFuture<Optional<Lease>> waiter = CompletableFuture.supplyAsync(() -> locks.tryLock(lockName, Duration.ofSeconds(20)));
        await().pollDelay(Duration.ofMillis(200)).until(() -> true);

        holder.release();

        // The lease is 30 s: an acquisition within 2 s came from the release's wake-up.
        Optional<Lease> acquired = waiter.get(2, TimeUnit.SECONDS);
        assertThat(acquired).isPresent();
        acquired.get().close();
    }

    @Test
    void tryLock_waiterInAnotherClient_isWokenByTheReleaseAnnouncement() throws Exception {
        RedisService holderRedis = client();
        RedisLocks holderLocks = locks(holderRedis, LockOptions.DEFAULT);
        RedisLocks waiterLocks = locks(client(), LockOptions.DEFAULT);
        String channel = holderRedis.keys().raw("{lock:" + lockName + "}:released");
        List<Long> delays = new ArrayList<>();

        for (int round = 0; round < 9; round++) {
            Lease holder = holderLocks.tryLock(lockName).orElseThrow();
            CompletableFuture<Optional<Lease>> waiter = CompletableFuture.supplyAsync(() -> waiterLocks.tryLock(lockName, Duration.ofSeconds(20)));
            await().atMost(Duration.ofSeconds(5)).until(() -> subscribers(holderRedis, channel) == 1);
            long releasedAt = System.nanoTime();
            holder.release();
            Lease acquired = waiter.get(5, TimeUnit.SECONDS).orElseThrow();
            delays.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - releasedAt));
            acquired.close();
        }

        // Without the announcement a waiter that hears releases wakes at its 1 s safety bound: the
        // median delay would be about 500 ms.
        assertThat(delays.stream().sorted().toList().get(4)).as("median wake-up delay in ms of %s", delays).isLessThan(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> subscribers(holderRedis, channel) == 0);
    }

    /** Subscribers of a classic channel, over every node: in a cluster each node counts its own. */
    private static long subscribers(RedisService redis, String rawChannel) {
        if (redis.getClient() instanceof io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands<String, String> cluster) {
            long total = 0;
            for (java.util.Map<String, Long> counts : cluster.all().commands().pubsubNumsub(rawChannel)) {
                total += counts.getOrDefault(rawChannel, 0L);
            }
            return total;
        }
        return redis.getClient().pubsubNumsub(rawChannel).getOrDefault(rawChannel, 0L);
    }

    @Test
    void tryLock_holderCrashed_isAcquiredOnceItsLeaseRunsOut() {
        RedisService redis = client();
        // What a crashed holder leaves: its token with a short lease, and no one to release it.
        redis.set("{lock:" + lockName + "}", "crashed-holder-token", Duration.ofMillis(300));

        Optional<Lease> lease = locks(redis, LockOptions.DEFAULT).tryLock(lockName, Duration.ofSeconds(5));

        assertThat(lease).isPresent();
        lease.get().close();
    }

    @Test
    void tryLock_heldAndNoWait_returnsEmptyAtOnce() {
        RedisLocks locks = locks(client(), LockOptions.DEFAULT);
        try (Lease lease = locks.tryLock(lockName).orElseThrow()) {
            assertThat(locks.tryLock(lockName)).isEmpty();
        }
    }

    @Test
    void withLock_notAcquiredInTime_throwsNamingTheLock() {
        RedisLocks locks = locks(client(), LockOptions.DEFAULT);
        try (Lease lease = locks.tryLock(lockName).orElseThrow()) {
            assertThatThrownBy(() -> locks.withLock(lockName, Duration.ofMillis(100), l -> "never"))
                    .isInstanceOfSatisfying(LockNotAcquiredException.class, e -> assertThat(e.name()).isEqualTo(lockName));
            assertThat(locks.stats()).isEqualTo(new LockStats(1, 1, 0, 1));
        }
    }

    @Test
    void withLock_actionThrows_releasesTheLock() {
        RedisLocks locks = locks(client(), LockOptions.DEFAULT);

        assertThatThrownBy(() -> locks.withLock(lockName, () -> {
            throw new IllegalStateException("action failed");
        })).hasMessage("action failed");
        assertThat(locks.tryLock(lockName)).isPresent();
    }

    @Test
    void close_releasesTheLocksStillHeld() {
        RedisLocks closing = RedisLocks.create(client(), LockOptions.DEFAULT);
        closing.tryLock(lockName).orElseThrow();

        closing.close();

        assertThat(locks(client(), LockOptions.DEFAULT).tryLock(lockName)).isPresent();
    }

    @Test
    void badInput_isRefusedNamingTheArgument() {
        RedisLocks locks = locks(client(), LockOptions.DEFAULT);

        assertThatIllegalArgumentException().isThrownBy(() -> locks.tryLock(null)).withMessageContaining("lock name");
        assertThatIllegalArgumentException().isThrownBy(() -> locks.tryLock("")).withMessageContaining("lock name");
        assertThatIllegalArgumentException().isThrownBy(() -> locks.tryLock("x".repeat(513))).withMessageContaining("at most 512");
        assertThatIllegalArgumentException().isThrownBy(() -> locks.tryLock("room{1}")).withMessageContaining("'{'");
        assertThatIllegalArgumentException().isThrownBy(() -> locks.tryLock("a", Duration.ofSeconds(-1))).withMessageContaining("wait");
        assertThatIllegalArgumentException().isThrownBy(() -> locks.withLock("a", null)).withMessageContaining("action");
        assertThatIllegalArgumentException().isThrownBy(() -> LockOptions.DEFAULT.withLeaseTime(Duration.ZERO))
                .withMessageContaining("leaseTime");
        assertThatIllegalArgumentException().isThrownBy(() -> new LockOptions(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ZERO, 0, Duration.ofSeconds(1))).withMessageContaining("renewEvery");
    }
}
