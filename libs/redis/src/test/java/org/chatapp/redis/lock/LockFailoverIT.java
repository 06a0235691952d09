package org.chatapp.redis.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisNode;
import org.junit.jupiter.api.Test;

/** A lock whose acquisition a replica acknowledged, through the death of its master. */
class LockFailoverIT {

    @Test
    void replicaAcknowledgedLock_masterKilled_isStillHeldOnThePromotedReplica() {
        try (LocalRedisCluster cluster = LocalRedis.cluster().nodeTimeout(Duration.ofSeconds(2)).start();
                RedisService holderRedis = RedisService.create(options(cluster));
                RedisService otherRedis = RedisService.create(options(cluster));
                RedisLocks holder = RedisLocks.create(holderRedis, LockOptions.DEFAULT.withReplicas(1, Duration.ofSeconds(2)));
                RedisLocks other = RedisLocks.create(otherRedis)) {
            Lease lease = holder.tryLock("room-42").orElseThrow();
            int slot = holderRedis.keys().slot("{lock:room-42}");
            LocalRedisNode master = masterOf(cluster, slot);

            master.kill();
            cluster.awaitPromotion(master, Duration.ofSeconds(30));

            // Once the other client reaches the promoted replica, it finds the lock taken.
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> other.tryLock("room-42").isEmpty());
            assertThat(lease.fencingToken()).isPositive();
        }
    }

    /** The master serving a slot, from CLUSTER SLOTS: entries of [start, end, [host, port, id], replicas...]. */
    private static LocalRedisNode masterOf(LocalRedisCluster cluster, int slot) {
        for (Object entry : (java.util.List<?>) cluster.masters().get(0).command("CLUSTER", "SLOTS")) {
            java.util.List<?> range = (java.util.List<?>) entry;
            if (((Number) range.get(0)).intValue() <= slot && slot <= ((Number) range.get(1)).intValue()) {
                int port = ((Number) ((java.util.List<?>) range.get(2)).get(1)).intValue();
                return cluster.masters().stream().filter(node -> node.port() == port).findFirst().orElseThrow();
            }
        }
        throw new AssertionError("no master serves slot " + slot);
    }

    private static RedisOptions options(LocalRedisCluster cluster) {
        return RedisOptions.builder().nodes(RedisNode.parseList(cluster.seedAddresses())).build();
    }
}
