package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.StatefulConnection;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisSentinel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class SentinelBatchIT extends BatchContract {

    private final LocalRedisSentinel sentinel;

    SentinelBatchIT(LocalRedisSentinel sentinel) {
        this.sentinel = sentinel;
    }

    @Override
    RedisOptions options(String keyPrefix) {
        return LocalTopologies.sentinel(sentinel).keyPrefix(keyPrefix).build();
    }

    @Override
    void flushScripts() {
        sentinel.master().command("SCRIPT", "FLUSH");
    }

    @Override
    void assertWrittenAsTheTopologyPromises(StatefulConnection<byte[], byte[]> connection) {
        assertThat(EndpointChannel.of(connection)).as("no single channel: Lettuce's master/replica routing sends the batch").isNull();
    }

    @Test
    void execute_writes_reachTheMasterTheSentinelsName() {
        RedisBatch batch = redis().batch();
        batch.set(key("a"), "v");

        batch.execute();

        assertThat(sentinel.master().command("GET", redis().keyPrefix() + key("a"))).isEqualTo("v");
    }
}
