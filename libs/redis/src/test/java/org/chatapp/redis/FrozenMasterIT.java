package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.chatapp.redis.health.RedisHealth;
import org.chatapp.redis.health.RedisHealthIndicator;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisNode;
import org.junit.jupiter.api.Test;

/**
 * A master is frozen (SIGSTOP: its connections stay open, it answers nothing) under 32 writing
 * threads; its replica takes over, and the service must follow within seconds, however long the
 * periodic topology refresh waits (60 s here, longer than the test).
 */
class FrozenMasterIT {

    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration FROZEN_FOR = Duration.ofSeconds(15);
    private static final int THREADS = 32;
    private static final int SECONDS_RECORDED = 30;

    @Test
    void frozenMaster_serviceFollowsThePromotionWithinNodeTimeoutPlus3s_withoutThePeriodicRefresh() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try (LocalRedisCluster cluster = LocalRedis.cluster().nodeTimeout(NODE_TIMEOUT).start();
                RedisService redis = RedisService.create(LocalTopologies.cluster(cluster).keyPrefix("frozen:")
                        .clusterOptions(ClusterOptions.defaults().withTopologyRefreshPeriod(Duration.ofSeconds(60))).build());
                RedisHealthIndicator health = RedisHealthIndicator.of(redis, Duration.ofSeconds(1))) {
            LocalRedisNode victim = cluster.masters().get(1);
            List<String> victimKeys = keysInSlots(5461, 10922);
            AtomicLongArray successes = new AtomicLongArray(SECONDS_RECORDED);
            AtomicLongArray errors = new AtomicLongArray(SECONDS_RECORDED);
            AtomicLong lastVictimError = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            long start = System.nanoTime();
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                writers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; running.get(); i++) {
                        String key = victimKeys.get((thread + i) % victimKeys.size());
                        int second = (int) Math.min(SECONDS_RECORDED - 1, (System.nanoTime() - start) / 1_000_000_000L);
                        try {
                            redis.set(key, "v" + i);
                            redis.get(key);
                            successes.incrementAndGet(second);
                        } catch (RedisServiceException e) {
                            errors.incrementAndGet(second);
                            lastVictimError.set(System.nanoTime());
                        }
                    }
                }, threads));
            }
            await(Duration.ofSeconds(1));

            long frozenAt = System.nanoTime();
            victim.pause();
            RedisHealth whileFrozen = health.check();
            LocalRedisNode promoted = cluster.awaitPromotion(victim, Duration.ofSeconds(30));
            long promotedAt = System.nanoTime();
            await(FROZEN_FOR.minusNanos(System.nanoTime() - frozenAt));
            running.set(false);
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            victim.resume();

            System.out.printf("frozen master: promoted %s after %s; last error on its slots %s after the promotion%n",
                    promoted, Duration.ofNanos(promotedAt - frozenAt), Duration.ofNanos(lastVictimError.get() - promotedAt));
            for (int second = 0; second < (FROZEN_FOR.toSeconds() + 1); second++) {
                System.out.printf("frozen master: second %2d: %5d successes, %4d errors%n", second, successes.get(second), errors.get(second));
            }
            assertThat(whileFrozen.isUp()).as("health while the master is frozen and not replaced: %s", whileFrozen).isFalse();
            assertThat(Duration.ofNanos(lastVictimError.get() - promotedAt)).as("last error on the frozen master's slots after the promotion")
                    .isLessThan(NODE_TIMEOUT.plusSeconds(3));
            assertThat(successes.get((int) FROZEN_FOR.toSeconds() - 1)).as("successes in the freeze's last second").isPositive();
        } finally {
            threads.shutdownNow();
        }
    }

    /** Returns keys (before the service's prefix) whose prefixed form falls in the given slots. */
    private static List<String> keysInSlots(int first, int last) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; keys.size() < 64; i++) {
            int slot = SlotHash.getSlot("frozen:k" + i);
            if (slot >= first && slot <= last) {
                keys.add("k" + i);
            }
        }
        return keys;
    }

    /** Waits while the load runs; the load threads, not this one, are what the test observes. */
    private static void await(Duration duration) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(Math.max(0, duration.toNanos()));
    }
}
