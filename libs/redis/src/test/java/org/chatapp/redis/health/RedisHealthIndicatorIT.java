package org.chatapp.redis.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisNode;
import org.chatapp.redis.local.LocalRedisSentinel;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class RedisHealthIndicatorIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void standalone_up_withVersionRoleMemoryLatency(LocalRedisStandalone redis) {
        try (RedisService service = RedisService.create(RedisOptions.builder().host(redis.host()).port(redis.port()).build());
                RedisHealthIndicator health = RedisHealthIndicator.of(service, TIMEOUT)) {
            RedisHealth result = health.check();

            assertThat(result.status()).isEqualTo(HealthStatus.UP);
            assertThat(result.details()).containsEntry("mode", "standalone").containsEntry("role", "master")
                    .containsKeys("version", "latency_ms", "used_memory");
            assertThat(result.details().get("version")).isEqualTo(redis.node().info("server").lines()
                    .filter(line -> line.startsWith("redis_version:")).findFirst().orElseThrow().substring(14).strip());
        }
    }

    @Test
    void cluster_up_withStateSlotsAndMasters(LocalRedisCluster cluster) {
        try (RedisService service = RedisService.create(RedisOptions.builder().nodes(RedisNode.parseList(cluster.seedAddresses())).build());
                RedisHealthIndicator health = RedisHealthIndicator.of(service, TIMEOUT)) {
            RedisHealth result = health.check();

            assertThat(result.status()).isEqualTo(HealthStatus.UP);
            assertThat(result.details()).containsEntry("mode", "cluster").containsEntry("cluster_state", "ok")
                    .containsEntry("cluster_size", 3).containsEntry("slots_ok", 16384).containsEntry("slots_fail", 0)
                    .containsEntry("masters", 3).containsEntry("masters_reachable", 3).containsKeys("version", "latency_ms");
        }
    }

    @Test
    void sentinel_up_withCurrentMasterAndReplicas(LocalRedisSentinel sentinel) {
        List<RedisNode> sentinels = sentinel.sentinels().stream().map(n -> new RedisNode(n.host(), n.port())).toList();
        try (RedisService service = RedisService.create(RedisOptions.builder().sentinel(sentinel.masterName(), sentinels).build());
                RedisHealthIndicator health = RedisHealthIndicator.of(service, TIMEOUT)) {
            RedisHealth result = health.check();

            assertThat(result.status()).isEqualTo(HealthStatus.UP);
            assertThat(result.details()).containsEntry("mode", "sentinel")
                    .containsEntry("master", sentinel.master().address())
                    .containsEntry("replicas", List.of(sentinel.replica().address()));
        }
    }

    @Test
    void standalone_killed_saysInWordsWhatIsWrongAndSinceWhen() {
        try (LocalRedisStandalone redis = LocalRedis.standalone().start();
                RedisService service = RedisService.create(RedisOptions.builder().host(redis.host()).port(redis.port()).build());
                RedisHealthIndicator health = RedisHealthIndicator.of(service, TIMEOUT)) {
            assertThat(health.check().details()).doesNotContainKey("down_since");

            redis.node().kill();
            RedisHealth first = health.check();
            RedisHealth second = health.check();

            assertThat(first.details().get("error")).asString().doesNotContain("Exception")
                    .containsAnyOf("not reachable", "no answer from Redis at " + redis.host() + ":" + redis.port());
            assertThat(first.details()).containsKey("down_since");
            assertThat(second.details().get("down_since")).isEqualTo(first.details().get("down_since"));
            redis.node().restart();
            await().atMost(Duration.ofSeconds(15)).until(() -> health.check().isUp());
            assertThat(health.check().details()).doesNotContainKey("down_since");
        }
    }

    @Test
    void standalone_downWithinTimeoutWhenStopped_upAgainWhenBack_neverShowsPassword() {
        try (LocalRedisStandalone redis = LocalRedis.standalone().password("health-secret-pw").start();
                RedisService service = RedisService.create(RedisOptions.builder().host(redis.host()).port(redis.port())
                        .password("health-secret-pw").build());
                RedisHealthIndicator health = RedisHealthIndicator.of(service, TIMEOUT)) {
            assertThat(health.check().status()).isEqualTo(HealthStatus.UP);

            redis.node().kill();
            long start = System.nanoTime();
            RedisHealth down = health.check();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(down.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(took).isLessThan(TIMEOUT.plusMillis(500));
            assertThat(down.toString()).doesNotContain("health-secret-pw");

            redis.node().restart();
            await().atMost(Duration.ofSeconds(15)).until(() -> health.check().isUp());
            assertThat(health.check().toString()).doesNotContain("health-secret-pw");
        }
    }

    @Test
    void cluster_killedMaster_reportsDown_thenUpAfterPromotion() {
        try (LocalRedisCluster cluster = LocalRedis.cluster().nodeTimeout(Duration.ofSeconds(2)).start();
                RedisService service = RedisService.create(RedisOptions.builder().nodes(RedisNode.parseList(cluster.seedAddresses())).build());
                RedisHealthIndicator health = RedisHealthIndicator.of(service, TIMEOUT)) {
            assertThat(health.check().status()).isEqualTo(HealthStatus.UP);
            LocalRedisNode victim = cluster.masters().get(0);

            victim.kill();

            await().atMost(Duration.ofSeconds(10)).until(() -> !health.check().isUp());
            LocalRedisNode promoted = cluster.awaitPromotion(victim, Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(20)).until(() -> health.check().isUp());
            RedisHealth result = health.check();
            assertThat(result.details()).containsEntry("cluster_state", "ok").containsEntry("slots_ok", 16384)
                    .containsEntry("masters", 3).containsEntry("masters_reachable", 3).containsEntry("nodes_failed", 1L);
            assertThat(promoted.isAlive()).isTrue();
        }
    }
}
