package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.chatapp.redis.local.TestKeyPrefix;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two services with different prefixes on one Redis never see each other's keys. */
@ExtendWith(LocalRedisExtension.class)
class KeyPrefixIsolationIT {

    @ParameterizedTest
    @ValueSource(strings = {"standalone", "cluster"})
    void servicesWithDifferentPrefixes_neverSeeEachOthersKeys(String mode, LocalRedisStandalone standalone,
            LocalRedisCluster cluster, TestKeyPrefix prefix) {
        RedisOptions.Builder options = mode.equals("cluster") ? LocalTopologies.cluster(cluster) : LocalTopologies.standalone(standalone);
        try (RedisService chat = RedisService.create(options.keyPrefix(prefix.value() + "chat:").build());
                RedisService auth = RedisService.create(options.keyPrefix(prefix.value() + "auth:").build())) {
            chat.set("user:1", "from chat");
            auth.set("user:1", "from auth");
            chat.mset(Map.of("a", "1", "b", "2", "{room}:c", "3"));

            assertThat(chat.get("user:1")).contains("from chat");
            assertThat(auth.get("user:1")).contains("from auth");
            assertThat(auth.mget("a", "b", "{room}:c")).isEmpty();
            assertThat(auth.exists("a", "b")).isZero();
            try (Stream<String> authKeys = auth.scan("*"); Stream<String> chatKeys = chat.scan("*")) {
                assertThat(authKeys.toList()).containsExactly("user:1");
                assertThat(chatKeys.toList()).containsExactlyInAnyOrder("user:1", "a", "b", "{room}:c");
            }

            assertThat(auth.del("user:1", "a", "b")).isEqualTo(1);
            assertThat(chat.get("user:1")).contains("from chat");
            assertThat(chat.mget("a", "b")).containsOnlyKeys("a", "b");
        }
    }
}
