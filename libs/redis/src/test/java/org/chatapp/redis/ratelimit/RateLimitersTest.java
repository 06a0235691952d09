package org.chatapp.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.junit.jupiter.api.Test;

class RateLimitersTest {

    @Test
    void create_nullService_namesRedis() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RateLimiters.create(null, RateLimiterOptions.of("login", RateLimitPolicy.fixedWindow(1, Duration.ofSeconds(1)))))
                .withMessage("redis must not be null");
    }

    @Test
    void create_nullOptions_namesOptions() {
        try (RedisService unreachable = RedisService.create(RedisOptions.builder().host("127.0.0.1").port(1).build())) {
            assertThatIllegalArgumentException().isThrownBy(() -> RateLimiters.create(unreachable, null))
                    .withMessage("options must not be null");
        }
    }

    @Test
    void fixedWindow_invalidLimit_namesLimitBeforeLookingAtTheService() {
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimiters.fixedWindow(null, "login", 0, Duration.ofSeconds(1)))
                .withMessage("limit must be 1 or more, was 0");
    }
}
