package org.chatapp.redis.cache;

import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class ClusterRedisCacheIT extends RedisCacheContract {

    private final LocalRedisCluster cluster;

    ClusterRedisCacheIT(LocalRedisCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    RedisOptions.Builder options() {
        return RedisOptions.builder().nodes(RedisNode.parseList(cluster.seedAddresses()));
    }
}
