package org.chatapp.redis.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisUnavailableException;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class ClusterLockIT extends LockContract {

    private final LocalRedisCluster cluster;

    ClusterLockIT(LocalRedisCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    RedisOptions.Builder options() {
        return RedisOptions.builder().nodes(RedisNode.parseList(cluster.seedAddresses()));
    }

    @Test
    void tryLock_acknowledgedByItsReplica_isGranted() {
        try (Lease lease = locks(client(), LockOptions.DEFAULT.withReplicas(1, Duration.ofSeconds(2))).tryLock("replicated").orElseThrow()) {
            assertThat(lease.isHeld()).isTrue();
        }
    }

    @Test
    void tryLock_moreReplicasThanAcknowledge_failsAndLeavesTheLockFree() {
        RedisLocks locks = locks(client(), LockOptions.DEFAULT.withReplicas(2, Duration.ofMillis(200)));

        assertThatThrownBy(() -> locks.tryLock("two-replicas"))
                .isInstanceOfSatisfying(RedisUnavailableException.class, e -> assertThat(e.errorCode()).isEqualTo("NOREPLICAS"));
        assertThat(locks(client(), LockOptions.DEFAULT).tryLock("two-replicas")).isPresent();
    }
}
