package com.example.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.chatapp.redis.RedisService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

// The Redis of this test runs in a container; @ServiceConnection points the starter at it.
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest
class RedisContainerTest {

    @Container
    @ServiceConnection
    static GenericContainer<?> redis = new GenericContainer<>("redis:7.4-alpine").withExposedPorts(6379);

    @Autowired
    RedisService redisService;

    @Test
    void redisService_redisContainer_readsWhatItWrote() {
        redisService.set("greeting", "hello");

        assertThat(redisService.get("greeting")).contains("hello");
    }
}
