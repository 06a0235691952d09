package org.chatapp.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class ClusterRateLimiterIT extends RateLimiterContract {

    private final LocalRedisCluster cluster;

    ClusterRateLimiterIT(LocalRedisCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    RedisOptions.Builder topology() {
        return RedisOptions.builder().nodes(RedisNode.parseList(cluster.seedAddresses()));
    }

    @Test
    void tryAcquire_hashTaggedKey_isStoredOnTheMasterOfTheTagsSlot() {
        RateLimiter limiter = limiter(RateLimitPolicy.slidingWindow(3, Duration.ofSeconds(10)));
        limiter.tryAcquire("{room:42}:user:1");
        String raw = redis().keys().raw(((ScriptedRateLimiter) limiter).storedKey("{room:42}:user:1"));

        List<LocalRedisNode> holders = KeyHolders.mastersHolding(cluster, raw);

        assertThat(holders).hasSize(1);
        assertThat(holders.get(0).command("CLUSTER", "KEYSLOT", raw)).isEqualTo(holders.get(0).command("CLUSTER", "KEYSLOT", "room:42"));
    }
}
