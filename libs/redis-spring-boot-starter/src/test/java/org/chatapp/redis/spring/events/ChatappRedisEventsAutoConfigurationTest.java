package org.chatapp.redis.spring.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.events.EventOptions;
import org.chatapp.redis.events.RedisEvents;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The event bus bean on a client whose endpoint is a closed port: nothing here talks to Redis. */
class ChatappRedisEventsAutoConfigurationTest {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatappRedisAutoConfiguration.class, ChatappRedisEventsAutoConfiguration.class))
            .withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=1", "chatapp.redis.connect-timeout=200ms");

    @Test
    void options_unsetProperties_areTheLibraryDefaults() {
        assertThat(ChatappRedisEventsAutoConfiguration.options(new EventsProperties())).isEqualTo(EventOptions.defaults());
    }

    @Test
    void run_withAClient_providesTheBusMadeAtItsFirstUse() {
        contextRunner.withPropertyValues("chatapp.redis.events.channel-prefix=chat-events:").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeanFactory().containsSingleton("redisEvents")).as("made at startup").isFalse();

            assertThat(context.getBean(RedisEvents.class)).isNotNull();
            assertThat(context.getBeanFactory().containsSingleton("redisEvents")).as("made once asked for").isTrue();
        });
    }

    @Test
    void run_invalidChannelPrefix_failsAtStartupNamingTheProperty() {
        contextRunner.withPropertyValues("chatapp.redis.events.channel-prefix=events:*").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof InvalidRedisPropertiesException)) {
                failure = failure.getCause();
            }
            assertThat(failure).isInstanceOfSatisfying(InvalidRedisPropertiesException.class,
                    invalid -> assertThat(invalid.property()).isEqualTo("chatapp.redis.events.channel-prefix"));
        });
    }

    @Test
    void run_disabled_providesNoBus() {
        contextRunner.withPropertyValues("chatapp.redis.events.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisEvents.class));
    }

    @Test
    void run_applicationsOwnBus_replacesTheStarters() {
        contextRunner.withUserConfiguration(OwnBus.class)
                .run(context -> assertThat(context).hasSingleBean(RedisEvents.class).hasBean("myEvents"));
    }

    @Test
    void run_withMicrometer_registersTheCountersWithoutMakingTheBus() {
        contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean("redisEventMetrics", MeterBinder.class).bindTo(registry);

            assertThat(registry.find("chatapp.redis.events.delivered").functionCounter().count()).isZero();
            assertThat(registry.find("chatapp.redis.events.resubscriptions").functionCounter()).isNotNull();
            assertThat(context.getBeanFactory().containsSingleton("redisEvents")).isFalse();
        });
    }

    @Test
    void run_withoutMicrometer_stillProvidesTheBus() {
        contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasSingleBean(RedisEvents.class).doesNotHaveBean("redisEventMetrics"));
    }

    @Test
    void run_withoutJackson_providesNoBus() {
        contextRunner.withClassLoader(new FilteredClassLoader("tools.jackson.databind"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisEvents.class));
    }

    /** An application's own bus. */
    @Configuration(proxyBeanMethods = false)
    static class OwnBus {

        @Bean(destroyMethod = "close")
        RedisEvents myEvents(RedisService redis) {
            return RedisEvents.create(redis, EventOptions.defaults().withChannelPrefix("mine:"));
        }
    }
}
