package org.chatapp.redis.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.lettuce.core.cluster.SlotHash;
import java.util.List;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisNode;
import org.chatapp.redis.local.TestKeyPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class ClusterRedisEventsIT extends RedisEventsContract {

    private final LocalRedisCluster cluster;

    ClusterRedisEventsIT(LocalRedisCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    RedisOptions.Builder options() {
        return RedisOptions.builder().nodes(RedisNode.parseList(cluster.seedAddresses()));
    }

    @Test
    void sharded_autoOnACluster_followsTheServerVersion(TestKeyPrefix prefix) throws Exception {
        RedisEvents events = events(prefix);

        assertThat(events.sharded().toCompletableFuture().get()).isEqualTo(EventsTopology.majorVersion(cluster.nodes().get(0)) >= 7);
    }

    @Test
    void subscribe_autoOnRedis7_channelLivesOnTheMasterOfItsSlot(TestKeyPrefix prefix) throws Exception {
        EventsTopology.assumeShardedPubSub(cluster.nodes().get(0));
        RedisEvents events = events(prefix);
        String raw = prefix.value() + "events:room:{9}";

        confirmed(events.subscribe("room:{9}", MessageCreated.class, (channel, event) -> { }));

        LocalRedisNode owner = EventsTopology.masterServing(cluster, SlotHash.getSlot(raw));
        assertThat(owner.command("PUBSUB", "SHARDCHANNELS", prefix.value() + "*")).isEqualTo(List.of(raw));
        assertThat(owner.command("PUBSUB", "CHANNELS", prefix.value() + "*")).as("no classic subscription").isEqualTo(List.of());
    }

    @Test
    void subscribePattern_autoOnACluster_refusedPointingAtClassic(TestKeyPrefix prefix) {
        RedisEvents events = events(prefix);

        assertThatIllegalStateException()
                .isThrownBy(() -> events.subscribePattern("room:*", MessageCreated.class, (channel, event) -> { }))
                .withMessageContaining("pattern subscriptions need classic pub/sub")
                .withMessageContaining("EventOptions.withSharding(Sharding.CLASSIC)");
    }
}
