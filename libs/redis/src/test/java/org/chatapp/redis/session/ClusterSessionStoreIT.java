package org.chatapp.redis.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.TestKeyPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class ClusterSessionStoreIT extends SessionStoreContract {

    private final LocalRedisCluster cluster;

    ClusterSessionStoreIT(LocalRedisCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    RedisOptions.Builder topology() {
        return RedisOptions.builder().nodes(RedisNode.parseList(cluster.seedAddresses()));
    }

    @Test
    void manyUsers_spreadOverEveryMaster_eachUsersKeysShareOneSlot(TestKeyPrefix prefix) {
        try (RedisService redis = RedisService.create(topology().keyPrefix(prefix.value()).build())) {
            SessionStore<String> sessions = SessionStore.of(redis, ValueCodec.string());
            Set<Integer> slots = new HashSet<>();
            for (int i = 0; i < 60; i++) {
                String user = "user-" + i;
                String id = sessions.create(user, "p").id();
                SessionId parsed = SessionId.parse(id);
                int sessionSlot = redis.keys().slot("session:{" + parsed.userRef() + "}:s:" + parsed.secret());
                assertThat(redis.keys().slot("session:{" + parsed.userRef() + "}:index")).isEqualTo(sessionSlot);
                slots.add(sessionSlot / (16384 / 3 + 1));
                assertThat(sessions.deleteAll(user)).isEqualTo(1);
            }

            assertThat(slots).as("thirds of the slot range, one per master").hasSize(3);
        }
    }
}
