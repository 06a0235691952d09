package org.chatapp.redis.unread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.junit.jupiter.api.Test;

/** A master dies: the recipients on the other masters are counted, and the report says who was not. */
class UnreadPartialIncrementIT {

    @Test
    void increment_oneMasterDown_reportsWhoWasCountedAndWhoWasNot() {
        // No replicas and a long node timeout: the dead master's slots stay down, the others keep serving.
        try (LocalRedisCluster cluster = LocalRedis.cluster().replicasPerMaster(0).nodeTimeout(Duration.ofSeconds(60)).start();
                RedisService redis = RedisService.create(RedisOptions.builder().nodes(RedisNode.parseList(cluster.seedAddresses()))
                        .failFastWhenDisconnected(true).keyPrefix("partial:").build())) {
            UnreadCounters unread = UnreadCounters.of(redis);
            List<String> members = IntStream.range(0, 60).mapToObj(i -> "member-" + i).toList();
            // Fail-fast rejects commands until each node's connection is open: warm them all up first, the batch's
            // (increment) and the single commands' (count).
            Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                unread.increment("warm-up", members);
                members.forEach(member -> unread.count(member, "warm-up"));
                return true;
            });
            cluster.masters().get(1).kill();

            UnreadPartialIncrementException report = catchThrowableOfType(UnreadPartialIncrementException.class,
                    () -> unread.increment("room", members));

            assertThat(report).as("the increment failed in part").isNotNull();

            List<String> accounted = new ArrayList<>(report.incremented());
            accounted.addAll(report.notIncremented());
            accounted.addAll(report.outcomeUnknown());
            assertThat(accounted).containsExactlyInAnyOrderElementsOf(members);
            assertThat(report.incremented()).isNotEmpty();
            assertThat(report.notIncremented().size() + report.outcomeUnknown().size()).isPositive();
            assertThat(report.incremented()).allSatisfy(member -> assertThat(unread.count(member, "room")).isEqualTo(1));
            assertThat(report.key()).isEqualTo("room");
        }
    }
}
