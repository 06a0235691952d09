package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisSentinel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class SentinelRedisServiceIT extends RedisServiceContract {

    private final LocalRedisSentinel sentinel;

    SentinelRedisServiceIT(LocalRedisSentinel sentinel) {
        this.sentinel = sentinel;
    }

    @Override
    RedisOptions options(String keyPrefix) {
        return LocalTopologies.sentinel(sentinel).keyPrefix(keyPrefix).build();
    }

    @Test
    void writesReachTheMasterTheSentinelsName() {
        redis().set(key("a"), "v");

        String raw = redis().keyPrefix() + key("a");
        assertThat(sentinel.master().command("GET", raw)).isEqualTo("v");
        assertThat(redis().mode()).isEqualTo(RedisMode.SENTINEL);
    }
}
