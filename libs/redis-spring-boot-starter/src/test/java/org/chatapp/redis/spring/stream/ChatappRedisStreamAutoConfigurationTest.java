package org.chatapp.redis.spring.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.chatapp.redis.stream.StreamWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The StreamWorkers bean on a client whose endpoint is a closed port: workers start (they retry
 * their reads with backoff) but read nothing, so nothing here needs Redis.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChatappRedisStreamAutoConfigurationTest {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatappRedisAutoConfiguration.class, ChatappRedisStreamAutoConfiguration.class))
            .withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=1", "chatapp.redis.connect-timeout=200ms",
                    "chatapp.redis.stream.shutdown-timeout=1s");

    @Test
    void run_withAClient_providesStreamWorkersWithNoWorkerRunning() {
        contextRunner.run(context -> {
            assertThat(context).hasSingleBean(StreamWorkers.class);
            assertThat(context.getBean(StreamWorkers.class).running()).isEmpty();
        });
    }

    @Test
    void run_configuredBatchSize_isTheDefaultOfEveryWorker() {
        contextRunner.withPropertyValues("chatapp.redis.stream.batch-size=50").run(context -> assertThat(
                context.getBean(StreamWorkers.class).options("events", "mailer").build().batchSize()).isEqualTo(50));
    }

    @Test
    void run_trimmingProperty_isKnownToTheNamesCheck(CapturedOutput output) {
        contextRunner.withPropertyValues("chatapp.redis.stream.trimming.max-length=100000")
                .run(context -> assertThat(output).doesNotContain("Unknown property"));
    }

    @Test
    void run_invalidConcurrency_failsNamingTheProperty() {
        contextRunner.withPropertyValues("chatapp.redis.stream.concurrency=0").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof InvalidRedisPropertiesException)) {
                failure = failure.getCause();
            }
            assertThat(failure).isInstanceOfSatisfying(InvalidRedisPropertiesException.class,
                    invalid -> assertThat(invalid.property()).isEqualTo("chatapp.redis.stream.concurrency"));
        });
    }

    @Test
    void run_disabled_providesNoStreamWorkers() {
        contextRunner.withPropertyValues("chatapp.redis.stream.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(StreamWorkers.class));
    }

    @Test
    void run_applicationsOwnStreamWorkers_replacesTheStarters() {
        contextRunner.withBean("myWorkers", StreamWorkers.class,
                () -> new DefaultStreamWorkers(null, StreamDefaults.of(new StreamProperties())))
                .run(context -> assertThat(context).hasSingleBean(StreamWorkers.class).hasBean("myWorkers"));
    }

    @Test
    void close_workerStillRunning_isClosedWithTheContext() {
        AtomicReference<StreamWorker> started = new AtomicReference<>();
        contextRunner.run(context -> {
            started.set(context.getBean(StreamWorkers.class).start("events", "mailer", delivery -> { }));
            assertThat(started.get().isRunning()).isTrue();
        });

        assertThat(started.get().isRunning()).isFalse();
    }

    @Test
    void start_sameConsumerTwiceOnOneGroup_refusesTheSecond() {
        contextRunner.withPropertyValues("chatapp.redis.stream.consumer=pod-1").run(context -> {
            StreamWorkers workers = context.getBean(StreamWorkers.class);
            workers.start("events", "mailer", delivery -> { });

            assertThatThrownBy(() -> workers.start("events", "mailer", delivery -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("pod-1");
        });
    }

    @Test
    void start_afterAWorkerOfTheConsumerClosed_startsAgain() {
        contextRunner.withPropertyValues("chatapp.redis.stream.consumer=pod-1").run(context -> {
            StreamWorkers workers = context.getBean(StreamWorkers.class);
            workers.start("events", "mailer", delivery -> { }).close();

            assertThat(workers.start("events", "mailer", delivery -> { }).isRunning()).isTrue();
        });
    }

    @Test
    void run_withMicrometer_registersTheMetersOfEachGroupWithItsFirstWorker() {
        contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean("redisStreamWorkerMetrics", MeterBinder.class).bindTo(registry);
            assertThat(registry.find("chatapp.redis.stream.delivered").functionCounter()).isNull();

            context.getBean(StreamWorkers.class).start("events", "mailer", delivery -> { });

            assertThat(registry.find("chatapp.redis.stream.acked").tags("stream", "events", "group", "mailer").functionCounter())
                    .isNotNull();
            assertThat(registry.find("chatapp.redis.stream.workers").tags("stream", "events", "group", "mailer").gauge().value())
                    .isEqualTo(1.0);
        });
    }

    @Test
    void run_withoutMicrometer_stillProvidesStreamWorkers() {
        contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasSingleBean(StreamWorkers.class).doesNotHaveBean("redisStreamWorkerMetrics"));
    }

    @Test
    void run_withoutAClient_providesNoStreamWorkers() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ChatappRedisStreamAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(RedisService.class).doesNotHaveBean(StreamWorkers.class));
    }
}
