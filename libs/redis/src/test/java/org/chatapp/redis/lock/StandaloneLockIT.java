package org.chatapp.redis.lock;

import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class StandaloneLockIT extends LockContract {

    private final LocalRedisStandalone redis;

    StandaloneLockIT(LocalRedisStandalone redis) {
        this.redis = redis;
    }

    @Override
    RedisOptions.Builder options() {
        return RedisOptions.builder().host(redis.host()).port(redis.port());
    }
}
