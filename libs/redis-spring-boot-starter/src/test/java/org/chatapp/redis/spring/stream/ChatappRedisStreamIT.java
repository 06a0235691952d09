package org.chatapp.redis.spring.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.chatapp.redis.local.TestKeyPrefix;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.stream.StreamWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Workers started through the StreamWorkers bean, on real redis-server processes. */
@ExtendWith(LocalRedisExtension.class)
class ChatappRedisStreamIT {

    private static final String STREAM = "{room:42}:events";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatappRedisAutoConfiguration.class, ChatappRedisStreamAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("chatapp.redis.stream.block=100ms", "chatapp.redis.stream.shutdown-timeout=1s");

    @Test
    void standalone_entriesAdded_handledAndCountedInTheMeters(LocalRedisStandalone redis, TestKeyPrefix prefix) {
        handlesAndCounts(contextRunner.withPropertyValues("chatapp.redis.host=" + redis.host(), "chatapp.redis.port=" + redis.port(),
                "chatapp.redis.key-prefix=" + prefix));
    }

    @Test
    void cluster_entriesAdded_handledAndCountedInTheMeters(LocalRedisCluster cluster, TestKeyPrefix prefix) {
        handlesAndCounts(contextRunner.withPropertyValues("chatapp.redis.nodes=" + cluster.seedAddresses(),
                "chatapp.redis.key-prefix=" + prefix));
    }

    private static void handlesAndCounts(ApplicationContextRunner runner) {
        AtomicReference<StreamWorker> started = new AtomicReference<>();
        runner.run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean("redisStreamWorkerMetrics", MeterBinder.class).bindTo(registry);
            RedisService redis = context.getBean(RedisService.class);
            Set<String> handled = ConcurrentHashMap.newKeySet();
            started.set(context.getBean(StreamWorkers.class).start(STREAM, "notifier",
                    delivery -> handled.add(delivery.fields().get("n"))));

            for (int i = 0; i < 5; i++) {
                redis.streams().add(STREAM, Map.of("n", Integer.toString(i)));
            }

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(handled).containsExactlyInAnyOrder("0", "1", "2", "3", "4");
                assertThat(registry.find("chatapp.redis.stream.acked").tags("stream", STREAM, "group", "notifier")
                        .functionCounter().count()).isEqualTo(5.0);
            });
        });

        assertThat(started.get().isRunning()).as("closed with the context").isFalse();
    }
}
