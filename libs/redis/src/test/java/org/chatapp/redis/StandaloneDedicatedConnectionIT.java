package org.chatapp.redis;

import java.util.Arrays;
import java.util.List;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class StandaloneDedicatedConnectionIT extends DedicatedConnectionContract {

    private final LocalRedisStandalone redis;

    StandaloneDedicatedConnectionIT(LocalRedisStandalone redis) {
        this.redis = redis;
    }

    @Override
    RedisOptions.Builder options() {
        return LocalTopologies.standalone(redis);
    }

    @Override
    List<String> clientList() {
        return Arrays.asList(((String) redis.node().command("CLIENT", "LIST")).split("\r?\n"));
    }
}
