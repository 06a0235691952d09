package org.chatapp.redis.spring.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.idempotency.Idempotency;
import org.chatapp.redis.idempotency.IdempotencyOptions;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Idempotency bean on a client whose endpoint is a closed port: nothing here talks to Redis. */
class ChatappRedisIdempotencyAutoConfigurationTest {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatappRedisAutoConfiguration.class, ChatappRedisIdempotencyAutoConfiguration.class))
            .withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=1", "chatapp.redis.connect-timeout=200ms");

    @Test
    void options_unsetProperties_areTheLibraryDefaults() {
        assertThat(ChatappRedisIdempotencyAutoConfiguration.options(new IdempotencyProperties()))
                .isEqualTo(IdempotencyOptions.defaults());
    }

    @Test
    void run_withAClient_providesIdempotencyWithTheBoundOptions() {
        contextRunner.withPropertyValues("chatapp.redis.idempotency.lease=10s", "chatapp.redis.idempotency.max-result-bytes=1024")
                .run(context -> assertThat(context.getBean(Idempotency.class).options()).isEqualTo(
                        IdempotencyOptions.defaults().withLease(Duration.ofSeconds(10)).withMaxResultBytes(1024)));
    }

    @Test
    void run_leaseAboveADay_failsNamingTheProperty() {
        contextRunner.withPropertyValues("chatapp.redis.idempotency.lease=2d").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof InvalidRedisPropertiesException)) {
                failure = failure.getCause();
            }
            assertThat(failure).isInstanceOfSatisfying(InvalidRedisPropertiesException.class,
                    invalid -> assertThat(invalid.property()).isEqualTo("chatapp.redis.idempotency.lease"));
        });
    }

    @Test
    void run_disabled_providesNoIdempotency() {
        contextRunner.withPropertyValues("chatapp.redis.idempotency.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Idempotency.class));
    }

    @Test
    void run_applicationsOwnIdempotency_replacesTheStarters() {
        contextRunner.withUserConfiguration(OwnIdempotency.class)
                .run(context -> assertThat(context).hasSingleBean(Idempotency.class).hasBean("myIdempotency"));
    }

    @Test
    void run_withoutMicrometer_stillProvidesIdempotency() {
        contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasSingleBean(Idempotency.class));
    }

    /** An application's own idempotency. */
    @Configuration(proxyBeanMethods = false)
    static class OwnIdempotency {

        @Bean
        Idempotency myIdempotency(RedisService redis) {
            return Idempotency.of(redis, IdempotencyOptions.defaults().withNamespace("mine"));
        }
    }
}
