package org.chatapp.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.RedisServiceException;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisNode;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.junit.jupiter.api.Test;

/** Redis dies or fails over under a limiter; each test breaks nodes, so it starts a setup of its own. */
class RateLimiterFailoverIT {

    private static final RateLimitPolicy THREE_PER_TEN_SECONDS = RateLimitPolicy.tokenBucket(3, 3, Duration.ofSeconds(10));
    /** The longest a refusal may ask to wait under that policy: one token, 10 s / 3, rounded up. */
    private static final Duration ONE_TOKEN = Duration.ofMillis(3_334);

    @Test
    void tryAcquire_serverKilled_throwsTheServicesException() {
        try (LocalRedisStandalone server = LocalRedis.standalone().start();
                RedisService redis = RedisService.create(RedisOptions.builder().host(server.host()).port(server.port())
                        .commandTimeout(Duration.ofMillis(500)).build())) {
            RateLimiter limiter = RateLimiters.create(redis, RateLimiterOptions.of("api", THREE_PER_TEN_SECONDS));
            limiter.tryAcquire("user:1");
            server.node().kill();

            assertThatThrownBy(() -> limiter.tryAcquire("user:1")).isInstanceOf(RedisServiceException.class);
        }
    }

    @Test
    void tryAcquire_serverRestartedWithoutItsData_answersAgainAndForgetsTheCounts() {
        try (LocalRedisStandalone server = LocalRedis.standalone().start();
                RedisService redis = RedisService.create(RedisOptions.builder().host(server.host()).port(server.port())
                        .commandTimeout(Duration.ofMillis(500)).build())) {
            RateLimiter limiter = RateLimiters.create(redis, RateLimiterOptions.of("api", THREE_PER_TEN_SECONDS));
            limiter.tryAcquire("user:1", 3);
            server.node().kill();
            server.node().restart();

            AtomicReference<RateLimitDecision> decision = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(15)).ignoreExceptionsInstanceOf(RedisServiceException.class)
                    .until(() -> decision.compareAndSet(null, limiter.tryAcquire("user:1")));

            // Fails open: the emptied bucket is full again.
            assertThat(decision.get().allowed()).isTrue();
            assertThat(decision.get().remaining()).isEqualTo(2);
        }
    }

    @Test
    void tryAcquire_masterKilled_answersAfterThePromotionWithinThePolicy() {
        try (LocalRedisCluster cluster = LocalRedis.cluster().nodeTimeout(Duration.ofSeconds(2)).start();
                RedisService redis = RedisService.create(RedisOptions.builder().nodes(RedisNode.parseList(cluster.seedAddresses()))
                        .keyPrefix("failover:").build())) {
            RateLimiter limiter = RateLimiters.create(redis, RateLimiterOptions.of("api", THREE_PER_TEN_SECONDS));
            limiter.tryAcquire("user:1", 3);
            String raw = redis.keys().raw(((ScriptedRateLimiter) limiter).storedKey("user:1"));
            LocalRedisNode holder = KeyHolders.mastersHolding(cluster, raw).get(0);

            holder.kill();
            cluster.awaitPromotion(holder, Duration.ofSeconds(30));
            AtomicReference<RateLimitDecision> decision = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(RedisServiceException.class)
                    .until(() -> decision.compareAndSet(null, limiter.tryAcquire("user:1")));

            // Granted if the promoted replica missed the last decision, refused if it had it; never
            // asked to wait longer than the policy's one token (every node reads this host's clock).
            assertThat(decision.get().retryAfter()).isLessThanOrEqualTo(ONE_TOKEN);
            List<RateLimitDecision> next = List.of(limiter.tryAcquire("user:1"), limiter.tryAcquire("user:1"),
                    limiter.tryAcquire("user:1"), limiter.tryAcquire("user:1"));
            assertThat(next).as("the promoted master keeps counting").anyMatch(refused -> !refused.allowed());
        }
    }
}
