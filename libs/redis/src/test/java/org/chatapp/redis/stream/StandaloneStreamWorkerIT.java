package org.chatapp.redis.stream;

import java.util.Arrays;
import java.util.List;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.local.LocalRedisStandalone;

class StandaloneStreamWorkerIT extends StreamWorkerContract {

    private final LocalRedisStandalone redis;

    StandaloneStreamWorkerIT(LocalRedisStandalone redis) {
        this.redis = redis;
    }

    @Override
    RedisOptions.Builder options() {
        return RedisOptions.builder().host(redis.host()).port(redis.port());
    }

    @Override
    List<String> clientList() {
        return Arrays.asList(((String) redis.node().command("CLIENT", "LIST")).split("\r?\n"));
    }
}
