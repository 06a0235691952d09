package org.chatapp.redis;

import java.util.Arrays;
import java.util.List;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class ClusterDedicatedConnectionIT extends DedicatedConnectionContract {

    private final LocalRedisCluster cluster;

    ClusterDedicatedConnectionIT(LocalRedisCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    RedisOptions.Builder options() {
        return LocalTopologies.cluster(cluster);
    }

    @Override
    List<String> clientList() {
        return cluster.masters().stream()
                .flatMap(master -> Arrays.stream(((String) master.command("CLIENT", "LIST")).split("\r?\n")))
                .toList();
    }
}
