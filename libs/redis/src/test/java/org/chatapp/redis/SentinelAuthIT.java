package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisSentinel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sentinels require a password of their own and the data nodes an ACL user: each set of
 * credentials reaches its own kind of node.
 */
class SentinelAuthIT {

    private static LocalRedisSentinel sentinel;

    @BeforeAll
    static void start() {
        sentinel = LocalRedis.sentinel().password("data-pw-1").aclUser("chat", "chat-pw-2").sentinelPassword("sentinel-pw-3").start();
    }

    @AfterAll
    static void stop() {
        if (sentinel != null) {
            sentinel.close();
        }
    }

    private static RedisOptions.Builder options(String sentinelPassword) {
        return RedisOptions.builder()
                .sentinel(new SentinelOptions(sentinel.masterName(), LocalTopologies.nodes(sentinel.sentinels()), null, sentinelPassword))
                .username("chat").password("chat-pw-2").keyPrefix("auth:");
    }

    @Test
    void sentinelAndDataCredentials_eachReachTheirNodes() {
        try (RedisService redis = RedisService.create(options("sentinel-pw-3").build())) {
            redis.set("a", "1");

            assertThat(redis.get("a")).contains("1");
            assertThat(sentinel.master().command("GET", "auth:a")).isEqualTo("1");
        }
    }

    @Test
    void withoutTheSentinelPassword_failsClearly_withoutShowingPasswords() {
        try (RedisService redis = RedisService.create(options(null).build())) {
            assertThatThrownBy(() -> redis.get("a"))
                    .isInstanceOf(RedisConnectionFailureException.class)
                    .hasMessageNotContaining("chat-pw-2");
        }
    }
}
