package org.chatapp.redis.idempotency;

import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class ClusterIdempotencyIT extends IdempotencyContract {

    private final LocalRedisCluster cluster;

    ClusterIdempotencyIT(LocalRedisCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    RedisOptions.Builder topology() {
        return RedisOptions.builder().nodes(RedisNode.parseList(cluster.seedAddresses()));
    }
}
