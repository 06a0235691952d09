package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.StatefulConnection;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class StandaloneBatchIT extends BatchContract {

    private final LocalRedisStandalone redis;

    StandaloneBatchIT(LocalRedisStandalone redis) {
        this.redis = redis;
    }

    @Override
    RedisOptions options(String keyPrefix) {
        return LocalTopologies.standalone(redis).keyPrefix(keyPrefix).build();
    }

    @Override
    void flushScripts() {
        redis.node().command("SCRIPT", "FLUSH");
    }

    @Override
    void assertWrittenAsTheTopologyPromises(StatefulConnection<byte[], byte[]> connection) {
        assertThat(EndpointChannel.of(connection)).as("the connection's channel, for a batch written whole").isNotNull();
    }
}
