package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Password and ACL user reach every node of a cluster, including nodes found after the seeds. */
class ClusterAuthIT {

    private static final String PASSWORD = "default-pw-9f3";
    private static final String ACL_USER = "chat-service";
    private static final String ACL_PASSWORD = "acl-pw-71c";

    private static LocalRedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = LocalRedis.cluster().password(PASSWORD).aclUser(ACL_USER, ACL_PASSWORD).start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static RedisOptions.Builder seededByOneNode() {
        // One seed only: every other node is discovered, so its credentials must come from the options.
        LocalRedisNode seed = cluster.nodes().get(0);
        return RedisOptions.builder().nodes(java.util.List.of(new RedisNode(seed.host(), seed.port())));
    }

    @Test
    void aclUser_readsAndWritesOnEveryMaster() {
        try (RedisService redis = RedisService.create(seededByOneNode().username(ACL_USER).password(ACL_PASSWORD).keyPrefix("acl:").build())) {
            assertEveryMasterServes(redis);
        }
    }

    @Test
    void defaultUserPassword_readsAndWritesOnEveryMaster() {
        try (RedisService redis = RedisService.create(seededByOneNode().password(PASSWORD).keyPrefix("pw:").build())) {
            assertEveryMasterServes(redis);
        }
    }

    @Test
    void wrongPassword_failsClearly_withoutShowingIt() {
        RedisOptions options = seededByOneNode().username(ACL_USER).password("wrong-pw-123")
                .connectTimeout(Duration.ofSeconds(2)).build();
        try (RedisService redis = RedisService.create(options)) {
            assertThatThrownBy(() -> redis.get("a"))
                    .isInstanceOf(RedisConnectionFailureException.class)
                    .hasMessageNotContaining("wrong-pw-123")
                    .hasMessageNotContaining(ACL_PASSWORD);
        }
    }

    private static void assertEveryMasterServes(RedisService redis) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            values.put("k" + i, "v" + i);
        }
        redis.mset(values);

        assertThat(redis.mget(values.keySet())).isEqualTo(values);
        for (LocalRedisNode master : cluster.masters()) {
            assertThat((java.util.List<?>) master.command("KEYS", redis.keyPrefix() + "*")).as("keys on %s", master.address()).isNotEmpty();
        }
        assertThat(redis.del(values.keySet())).isEqualTo(200);
    }
}
