package org.chatapp.redis.spring.lock;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.chatapp.redis.lock.LockOptions;
import org.chatapp.redis.lock.RedisLocks;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The locks bean on a client whose endpoint is a closed port: nothing here talks to Redis. */
class ChatappRedisLockAutoConfigurationTest {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatappRedisAutoConfiguration.class, ChatappRedisLockAutoConfiguration.class))
            .withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=1", "chatapp.redis.connect-timeout=200ms");

    @Test
    void options_unsetProperties_areTheLibraryDefaults() {
        assertThat(ChatappRedisLockAutoConfiguration.options(new LockProperties())).isEqualTo(LockOptions.DEFAULT);
    }

    @Test
    void options_leaseTimeOnly_renewsEveryThirdOfIt() {
        LockProperties properties = new LockProperties();
        properties.setLeaseTime(Duration.ofSeconds(9));

        assertThat(ChatappRedisLockAutoConfiguration.options(properties).renewEvery()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void run_withAClient_providesRedisLocksWithTheBoundOptions() {
        contextRunner.withPropertyValues("chatapp.redis.lock.lease-time=12s", "chatapp.redis.lock.default-wait=2s")
                .run(context -> assertThat(context).hasSingleBean(RedisLocks.class));
    }

    @Test
    void run_invalidLeaseTime_failsNamingTheProperty() {
        contextRunner.withPropertyValues("chatapp.redis.lock.lease-time=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isNotNull();
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof InvalidRedisPropertiesException)) {
                failure = failure.getCause();
            }
            assertThat(failure).isInstanceOfSatisfying(InvalidRedisPropertiesException.class,
                    invalid -> assertThat(invalid.property()).isEqualTo("chatapp.redis.lock.lease-time"));
        });
    }

    @Test
    void run_disabled_providesNoLocks() {
        contextRunner.withPropertyValues("chatapp.redis.lock.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(RedisLocks.class));
    }

    @Test
    void run_withMicrometer_registersTheLockMeters() {
        contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean("redisLockMetrics", io.micrometer.core.instrument.binder.MeterBinder.class).bindTo(registry);
            assertThat(registry.find("chatapp.redis.lock.acquired").functionCounter()).isNotNull();
            assertThat(registry.find("chatapp.redis.lock.held").gauge()).isNotNull();
        });
    }

    @Test
    void run_withoutMicrometer_stillProvidesTheLocks() {
        contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasSingleBean(RedisLocks.class).doesNotHaveBean("redisLockMetrics"));
    }
}
