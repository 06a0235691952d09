package org.chatapp.redis.spring.unread;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.chatapp.redis.unread.UnreadCounters;
import org.chatapp.redis.unread.UnreadOptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The UnreadCounters bean on a client whose endpoint is a closed port: nothing here talks to Redis. */
class ChatappRedisUnreadAutoConfigurationTest {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatappRedisAutoConfiguration.class, ChatappRedisUnreadAutoConfiguration.class))
            .withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=1", "chatapp.redis.connect-timeout=200ms");

    @Test
    void options_unsetProperties_areTheLibraryDefaults() {
        assertThat(ChatappRedisUnreadAutoConfiguration.options(new UnreadProperties())).isEqualTo(UnreadOptions.defaults());
    }

    @Test
    void run_withAClient_providesUnreadCountersWithTheBoundOptions() {
        contextRunner.withPropertyValues("chatapp.redis.unread.namespace=badges", "chatapp.redis.unread.retention=30d")
                .run(context -> assertThat(context.getBean(UnreadCounters.class).options())
                        .isEqualTo(new UnreadOptions("badges", Duration.ofDays(30))));
    }

    @Test
    void run_namespaceWithABrace_failsNamingTheProperty() {
        contextRunner.withPropertyValues("chatapp.redis.unread.namespace={unread}").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof InvalidRedisPropertiesException)) {
                failure = failure.getCause();
            }
            assertThat(failure).isInstanceOfSatisfying(InvalidRedisPropertiesException.class,
                    invalid -> assertThat(invalid.property()).isEqualTo("chatapp.redis.unread.namespace"));
        });
    }

    @Test
    void run_disabled_providesNoCounters() {
        contextRunner.withPropertyValues("chatapp.redis.unread.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(UnreadCounters.class));
    }

    @Test
    void run_applicationsOwnCounters_replaceTheStarters() {
        contextRunner.withUserConfiguration(OwnCounters.class)
                .run(context -> assertThat(context).hasSingleBean(UnreadCounters.class).hasBean("myCounters"));
    }

    @Test
    void run_withoutMicrometer_stillProvidesTheCounters() {
        contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasSingleBean(UnreadCounters.class));
    }

    /** An application's own counters. */
    @Configuration(proxyBeanMethods = false)
    static class OwnCounters {

        @Bean
        UnreadCounters myCounters(RedisService redis) {
            return UnreadCounters.of(redis, UnreadOptions.defaults().withNamespace("mine"));
        }
    }
}
