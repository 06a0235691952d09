package org.chatapp.redis.idempotency;

import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class StandaloneIdempotencyIT extends IdempotencyContract {

    private final LocalRedisStandalone redis;

    StandaloneIdempotencyIT(LocalRedisStandalone redis) {
        this.redis = redis;
    }

    @Override
    RedisOptions.Builder topology() {
        return RedisOptions.builder().host(redis.host()).port(redis.port());
    }
}
