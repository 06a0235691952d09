package org.chatapp.redis.presence;

import java.util.List;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisNode;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class StandalonePresenceIT extends PresenceContract {

    private final LocalRedisStandalone redis;

    StandalonePresenceIT(LocalRedisStandalone redis) {
        this.redis = redis;
    }

    @Override
    RedisOptions.Builder topology() {
        return RedisOptions.builder().host(redis.host()).port(redis.port());
    }

    @Override
    List<LocalRedisNode> masters() {
        return List.of(redis.node());
    }
}
