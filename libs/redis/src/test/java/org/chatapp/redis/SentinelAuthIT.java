package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisSentinel;
import org.junit.jupiter.api.Test;

/** The data nodes behind the sentinels require an ACL user; the credentials reach the master found through them. */
class SentinelAuthIT {

    @Test
    void aclUser_reachesTheMasterFoundThroughTheSentinels() {
        try (LocalRedisSentinel sentinel = LocalRedis.sentinel().password("data-pw-1").aclUser("chat", "chat-pw-2").start();
                RedisService redis = RedisService.create(LocalTopologies.sentinel(sentinel)
                        .username("chat").password("chat-pw-2").keyPrefix("auth:").build())) {
            redis.set("a", "1");

            assertThat(redis.get("a")).contains("1");
            assertThat(sentinel.master().command("GET", "auth:a")).isEqualTo("1");
        }
    }
}
