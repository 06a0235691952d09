package org.chatapp.redis.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class RedisHealthGroupsEnvironmentPostProcessorTest {

    private final RedisHealthGroupsEnvironmentPostProcessor postProcessor = new RedisHealthGroupsEnvironmentPostProcessor();

    @Test
    void redisJoinsReadiness_withEveryNamedClient_neverLiveness() {
        MockEnvironment environment = new MockEnvironment().withProperty("chatapp.redis.clients.chat.key-prefix", "chat:");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(RedisHealthGroupsEnvironmentPostProcessor.READINESS_INCLUDE))
                .isEqualTo("readinessState,redis,redis-chat");
        assertThat(environment.containsProperty("management.endpoint.health.group.liveness.include")).isFalse();
    }

    @Test
    void applicationsOwnReadinessGroup_isLeftAlone() {
        MockEnvironment environment = new MockEnvironment().withProperty(RedisHealthGroupsEnvironmentPostProcessor.READINESS_INCLUDE, "db");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(RedisHealthGroupsEnvironmentPostProcessor.READINESS_INCLUDE)).isEqualTo("db");
    }

    @Test
    void redisHealthTurnedOff_addsNothing() {
        MockEnvironment environment = new MockEnvironment().withProperty("management.health.redis.enabled", "false");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.containsProperty(RedisHealthGroupsEnvironmentPostProcessor.READINESS_INCLUDE)).isFalse();
    }
}
