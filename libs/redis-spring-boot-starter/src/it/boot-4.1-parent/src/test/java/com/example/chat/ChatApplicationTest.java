package com.example.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.chatapp.redis.LettuceVersion;
import org.chatapp.redis.RedisService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

// With chatapp-redis-local on the test class path and no chatapp.redis.host, nodes or sentinel set,
// the test runs against a local Redis Cluster the starter starts and stops.
@SpringBootTest
class ChatApplicationTest {

    @Autowired
    RedisService redis;

    @Test
    void redisService_localRedis_storesAndReadsAValue() {
        redis.set("{room:42}:title", "General", Duration.ofMinutes(5));

        assertThat(redis.get("{room:42}:title")).hasValue("General");
    }

    @Test
    void lettuce_followingTheReadme_isTheOneTheLibraryWasBuiltWith() {
        assertThat(LettuceVersion.found()).hasValue(LettuceVersion.required());
    }
}
