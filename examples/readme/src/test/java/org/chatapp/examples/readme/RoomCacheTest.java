package org.chatapp.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.TestKeyPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)   // one standalone, one 3x1 cluster, one sentinel setup per test run, started on first use
class RoomCacheTest {

    @Test
    void title_storedWithTtl_readBack(LocalRedisCluster cluster, TestKeyPrefix prefix) {   // a key prefix of its own per test
        RedisOptions options = RedisOptions.builder()
                .nodes(RedisNode.parseList(cluster.seedAddresses()))
                .keyPrefix(prefix.value())
                .build();
        try (RedisService redis = RedisService.create(options)) {
            redis.set("{room:42}:title", "General", Duration.ofMinutes(5));

            assertThat(redis.get("{room:42}:title")).contains("General");
        }
    }
}
