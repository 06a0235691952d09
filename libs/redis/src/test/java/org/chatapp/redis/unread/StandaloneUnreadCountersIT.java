package org.chatapp.redis.unread;

import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class StandaloneUnreadCountersIT extends UnreadCountersContract {

    private final LocalRedisStandalone redis;

    StandaloneUnreadCountersIT(LocalRedisStandalone redis) {
        this.redis = redis;
    }

    @Override
    RedisOptions.Builder topology() {
        return RedisOptions.builder().host(redis.host()).port(redis.port());
    }
}
