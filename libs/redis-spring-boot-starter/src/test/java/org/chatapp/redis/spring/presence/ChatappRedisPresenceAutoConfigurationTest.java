package org.chatapp.redis.spring.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.presence.Presence;
import org.chatapp.redis.presence.PresenceOptions;
import org.chatapp.redis.presence.TypingListener;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Presence bean on a client whose endpoint is a closed port: nothing here talks to Redis. */
class ChatappRedisPresenceAutoConfigurationTest {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatappRedisAutoConfiguration.class, ChatappRedisPresenceAutoConfiguration.class))
            .withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=1", "chatapp.redis.connect-timeout=200ms");

    @Test
    void options_unsetProperties_areTheLibraryDefaults() {
        assertThat(ChatappRedisPresenceAutoConfiguration.options(new PresenceProperties())).isEqualTo(PresenceOptions.defaults());
    }

    @Test
    void run_withAClient_providesPresenceWithTheBoundOptions() {
        contextRunner.withPropertyValues("chatapp.redis.presence.connection-ttl=30s", "chatapp.redis.presence.typing-ttl=3s")
                .run(context -> assertThat(context.getBean(Presence.class).options()).isEqualTo(
                        PresenceOptions.defaults().withConnectionTtl(Duration.ofSeconds(30)).withTypingTtl(Duration.ofSeconds(3))));
    }

    @Test
    void run_retentionShorterThanConnectionTtl_failsNamingTheRetention() {
        contextRunner.withPropertyValues("chatapp.redis.presence.connection-ttl=2m", "chatapp.redis.presence.last-seen-retention=1m")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    while (failure != null && !(failure instanceof InvalidRedisPropertiesException)) {
                        failure = failure.getCause();
                    }
                    assertThat(failure).isInstanceOfSatisfying(InvalidRedisPropertiesException.class, invalid -> assertThat(
                            invalid.property()).isEqualTo("chatapp.redis.presence.last-seen-retention"));
                });
    }

    @Test
    void run_disabled_providesNoPresence() {
        contextRunner.withPropertyValues("chatapp.redis.presence.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Presence.class));
    }

    @Test
    void run_applicationsOwnPresence_replacesTheStarters() {
        contextRunner.withUserConfiguration(OwnPresence.class)
                .run(context -> assertThat(context).hasSingleBean(Presence.class).hasBean("myPresence"));
    }

    @Test
    void run_withoutMicrometer_stillProvidesPresence() {
        contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasSingleBean(Presence.class));
    }

    /** An application's own presence, under a namespace of its own. */
    @Configuration(proxyBeanMethods = false)
    static class OwnPresence {

        @Bean
        Presence myPresence(RedisService redis) {
            return Presence.of(redis, PresenceOptions.defaults().withNamespace("mine"), TypingListener.NONE);
        }
    }
}
