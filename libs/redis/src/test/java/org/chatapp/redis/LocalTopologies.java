package org.chatapp.redis;

import java.util.List;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisNode;
import org.chatapp.redis.local.LocalRedisSentinel;
import org.chatapp.redis.local.LocalRedisStandalone;

/** Options pointing at the local Redis setups that tests run against. */
final class LocalTopologies {

    private LocalTopologies() {
    }

    static RedisOptions.Builder standalone(LocalRedisStandalone redis) {
        return RedisOptions.builder().host(redis.host()).port(redis.port());
    }

    static RedisOptions.Builder cluster(LocalRedisCluster cluster) {
        return RedisOptions.builder().nodes(RedisNode.parseList(cluster.seedAddresses()));
    }

    static RedisOptions.Builder sentinel(LocalRedisSentinel sentinel) {
        return RedisOptions.builder().sentinel(sentinel.masterName(), nodes(sentinel.sentinels()));
    }

    static List<RedisNode> nodes(List<LocalRedisNode> nodes) {
        return nodes.stream().map(node -> new RedisNode(node.host(), node.port())).toList();
    }
}
