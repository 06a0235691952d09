package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.chatapp.redis.health.RedisHealthIndicator;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.chatapp.redis.local.LocalRedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class CloseIT {

    @Test
    void close_leavesNoLettuceOrNettyThread(LocalRedisCluster cluster) {
        Set<Long> before = Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());

        RedisService redis = RedisService.create(LocalTopologies.cluster(cluster).keyPrefix("close:").build());
        RedisHealthIndicator health = RedisHealthIndicator.of(redis, Duration.ofSeconds(1));
        redis.set("a", "1");
        redis.getClient().ping();
        assertThat(health.check().isUp()).isTrue();
        assertThat(startedSince(before)).isNotEmpty();

        health.close();
        redis.close();
        redis.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(startedSince(before)).isEmpty());
    }

    @Test
    void close_whileConnectingToAFrozenServer_returnsWithinItsBound() {
        try (LocalRedisStandalone frozen = LocalRedis.standalone().start()) {
            frozen.node().pause();
            try {
                // The kernel accepts the connection for the frozen process; the handshake never answers.
                RedisService redis = RedisService.create(LocalTopologies.standalone(frozen).connectTimeout(Duration.ofSeconds(1))
                        .commandTimeout(Duration.ofSeconds(60)).build());

                long start = System.nanoTime();
                redis.close();
                System.out.println("close took " + Duration.ofNanos(System.nanoTime() - start));

                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(RedisService.CLOSE_BOUND.plusSeconds(1));
            } finally {
                frozen.node().resume();
            }
        }
    }

    private static Set<String> startedSince(Set<Long> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> !before.contains(thread.getId()))
                .map(Thread::getName)
                .filter(name -> name.startsWith("lettuce") || name.contains("EventLoop") || name.contains("netty")
                        || name.startsWith("chatapp-redis"))
                .collect(Collectors.toSet());
    }
}
