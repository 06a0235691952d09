package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.chatapp.redis.health.RedisHealthIndicator;
import org.chatapp.redis.local.LocalRedisCluster;
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
