package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisNode;
import org.junit.jupiter.api.Test;

/** A master dies under load; the same service recovers by itself once a replica is promoted. */
class ClusterFailoverIT {

    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);

    @Test
    void masterKilledUnderLoad_serviceRecoversWithinNodeTimeoutPlus5s_withoutRestart() throws Exception {
        try (LocalRedisCluster cluster = LocalRedis.cluster().nodeTimeout(NODE_TIMEOUT).start();
                RedisService redis = RedisService.create(LocalTopologies.cluster(cluster).keyPrefix("failover:").build())) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong lastErrorNanos = new AtomicLong();
            AtomicLong successes = new AtomicLong();
            List<String> errors = new ArrayList<>();
            CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
                for (int i = 0; running.get() && i < 10_000_000; i++) {
                    String key = "k" + (i % 500);
                    try {
                        redis.set(key, "v" + i);
                        assertThat(redis.get(key)).contains("v" + i);
                        successes.incrementAndGet();
                    } catch (RedisServiceException e) {
                        lastErrorNanos.set(System.nanoTime());
                        synchronized (errors) {
                            errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                    }
                }
            });
            await(Duration.ofSeconds(1));
            assertThat(successes.get()).as("writes before the kill").isPositive();

            LocalRedisNode victim = cluster.masters().get(1);
            long killedAt = System.nanoTime();
            victim.kill();
            Duration deadline = NODE_TIMEOUT.plusSeconds(5);
            // Keep the load running past the deadline, then prove errors stopped before it.
            await(deadline.plusSeconds(5));
            long successesBeforeEnd = successes.get();
            await(Duration.ofSeconds(1));
            running.set(false);
            load.get(30, TimeUnit.SECONDS);

            assertThat(successes.get()).as("writes keep succeeding at the end").isGreaterThan(successesBeforeEnd);
            long lastError = lastErrorNanos.get();
            System.out.printf("failover: %d successes, %d errors, last error %s after the kill%n", successes.get(),
                    errors.size(), lastError == 0 ? "none" : Duration.ofNanos(lastError - killedAt));
            if (lastError != 0) {
                Duration errorsStoppedAfter = Duration.ofNanos(lastError - killedAt);
                assertThat(errorsStoppedAfter).as("last error after the kill; errors: %s", errors.size())
                        .isLessThan(deadline);
            }
            redis.set("after", "failover");
            assertThat(redis.get("after")).contains("failover");
        }
    }

    @Test
    void masterKilledBeforeTheClientEverUsedIt_itsSlotsReachThePromotedReplicaWithinNodeTimeoutPlus5s() throws Exception {
        // The periodic refresh (60 s) cannot be what rescues it.
        try (LocalRedisCluster cluster = LocalRedis.cluster().nodeTimeout(NODE_TIMEOUT).start();
                RedisService redis = RedisService.create(LocalTopologies.cluster(cluster).keyPrefix("unused-master:")
                        .clusterOptions(ClusterOptions.defaults().withTopologyRefreshPeriod(Duration.ofSeconds(60))).build())) {
            LocalRedisNode victim = cluster.masters().get(1);
            String victimKey = keyServedBy(victim);
            redis.set(keyServedBy(cluster.masters().get(0)), "a connection to another master only");

            victim.kill();
            cluster.awaitPromotion(victim, Duration.ofSeconds(30));
            long promotedAt = System.nanoTime();

            org.awaitility.Awaitility.await().atMost(NODE_TIMEOUT.plusSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(RedisServiceException.class)
                    .until(() -> {
                        redis.set(victimKey, "after the promotion");
                        return true;
                    });
            System.out.printf("unused master killed: its slots served again %s after the promotion was visible%n",
                    Duration.ofNanos(System.nanoTime() - promotedAt));
            assertThat(redis.get(victimKey)).contains("after the promotion");
        }
    }

    /** A key (without the prefix) whose slot the master serves, by the master's own {@code CLUSTER SLOTS}. */
    private static String keyServedBy(LocalRedisNode master) {
        List<?> ranges = (List<?>) master.command("CLUSTER", "SLOTS");
        for (int i = 0; ; i++) {
            int slot = SlotHash.getSlot("unused-master:k" + i);
            for (Object range : ranges) {
                List<?> fields = (List<?>) range;
                int port = ((Number) ((List<?>) fields.get(2)).get(1)).intValue();
                if (port == master.port() && slot >= ((Number) fields.get(0)).intValue() && slot <= ((Number) fields.get(1)).intValue()) {
                    return "k" + i;
                }
            }
        }
    }

    /** Waits while the load runs; the load thread, not this one, is what the test observes. */
    private static void await(Duration duration) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }
}
