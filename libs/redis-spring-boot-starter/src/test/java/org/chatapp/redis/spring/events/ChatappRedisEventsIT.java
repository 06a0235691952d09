package org.chatapp.redis.spring.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chatapp.redis.events.RedisEvents;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.chatapp.redis.local.TestKeyPrefix;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The event bus made from properties, on real redis-server processes. */
@ExtendWith(LocalRedisExtension.class)
class ChatappRedisEventsIT {

    /** An event as the application would define it. */
    record MessageCreated(String room, String text) {
    }

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatappRedisAutoConfiguration.class, ChatappRedisEventsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void standalone_eventPublished_reachesTheSubscriberAndIsCounted(LocalRedisStandalone redis, TestKeyPrefix prefix) {
        publishesAndCounts(contextRunner.withPropertyValues("chatapp.redis.host=" + redis.host(), "chatapp.redis.port=" + redis.port(),
                "chatapp.redis.key-prefix=" + prefix));
    }

    @Test
    void cluster_eventPublished_reachesTheSubscriberAndIsCounted(LocalRedisCluster cluster, TestKeyPrefix prefix) {
        publishesAndCounts(contextRunner.withPropertyValues("chatapp.redis.nodes=" + cluster.seedAddresses(),
                "chatapp.redis.key-prefix=" + prefix));
    }

    private static void publishesAndCounts(ApplicationContextRunner runner) {
        runner.run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean("redisEventMetrics", MeterBinder.class).bindTo(registry);
            RedisEvents events = context.getBean(RedisEvents.class);
            List<MessageCreated> heard = new CopyOnWriteArrayList<>();
            events.subscribe("room:{42}", MessageCreated.class, (channel, event) -> heard.add(event))
                    .confirmed().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);

            events.publish("room:{42}", new MessageCreated("42", "hello"));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(heard).containsExactly(new MessageCreated("42", "hello"));
                assertThat(registry.find("chatapp.redis.events.delivered").functionCounter().count()).isEqualTo(1.0);
            });
        });
    }
}
