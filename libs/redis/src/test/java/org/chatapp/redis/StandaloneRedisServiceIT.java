package org.chatapp.redis;

import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class StandaloneRedisServiceIT extends RedisServiceContract {

    private final LocalRedisStandalone redis;

    StandaloneRedisServiceIT(LocalRedisStandalone redis) {
        this.redis = redis;
    }

    @Override
    RedisOptions options(String keyPrefix) {
        return LocalTopologies.standalone(redis).keyPrefix(keyPrefix).build();
    }
}
