package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.lettuce.core.cluster.SlotHash;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisNode;
import org.chatapp.redis.local.LocalRedisSentinel;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.chatapp.redis.local.TestKeyPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The core pub/sub connection on real servers: every topology, the key prefix, shard channels on their masters. */
@ExtendWith(LocalRedisExtension.class)
class PubSubConnectionIT {

    private static final long WAIT_SECONDS = 10;

    @Test
    void subscribe_standalone_messageArrivesWithoutThePrefix(LocalRedisStandalone redis, TestKeyPrefix prefix) throws Exception {
        try (RedisService service = RedisService.create(LocalTopologies.standalone(redis).keyPrefix(prefix.value()).build())) {
            Recorder recorder = new Recorder();
            PubSubConnection pubSub = service.connections().pubSub(recorder);
            await(pubSub.subscribe("room:1"));

            long receivers = pubSub.publish("room:1", bytes("hello"));

            assertThat(recorder.next()).isEqualTo("room:1=hello");
            assertThat(receivers).isEqualTo(1);
            assertThat(redis.node().command("PUBSUB", "CHANNELS", prefix.value() + "*")).isEqualTo(List.of(prefix.value() + "room:1"));
        }
    }

    @Test
    void subscribe_cluster_messagePublishedOnAnyMasterArrives(LocalRedisCluster cluster, TestKeyPrefix prefix) throws Exception {
        try (RedisService service = RedisService.create(LocalTopologies.cluster(cluster).keyPrefix(prefix.value()).build())) {
            Recorder recorder = new Recorder();
            PubSubConnection pubSub = service.connections().pubSub(recorder);
            await(pubSub.subscribe("a", "b", "c"));

            // Three channels in three slots: PUBLISH goes to three masters, the subscription is on one node.
            for (String channel : List.of("a", "b", "c")) {
                pubSub.publish(channel, bytes("m-" + channel));
            }

            assertThat(List.of(recorder.next(), recorder.next(), recorder.next())).containsExactlyInAnyOrder("a=m-a", "b=m-b", "c=m-c");
        }
    }

    @Test
    void subscribe_sentinel_messageArrives(LocalRedisSentinel sentinel, TestKeyPrefix prefix) throws Exception {
        try (RedisService service = RedisService.create(LocalTopologies.sentinel(sentinel).keyPrefix(prefix.value()).build())) {
            Recorder recorder = new Recorder();
            PubSubConnection pubSub = service.connections().pubSub(recorder);
            await(pubSub.subscribe("room:1"));

            pubSub.publish("room:1", bytes("via sentinel"));

            assertThat(recorder.next()).isEqualTo("room:1=via sentinel");
        }
    }

    @Test
    void ssubscribe_cluster_eachShardChannelLivesOnTheMasterOfItsSlot(LocalRedisCluster cluster, TestKeyPrefix prefix)
            throws Exception {
        assumeThat(majorVersion(cluster.nodes().get(0))).as("sharded pub/sub needs Redis 7").isGreaterThanOrEqualTo(7);
        try (RedisService service = RedisService.create(LocalTopologies.cluster(cluster).keyPrefix(prefix.value()).build())) {
            Recorder recorder = new Recorder();
            PubSubConnection pubSub = service.connections().pubSub(recorder);
            List<String> channels = channelsInDistinctSlots(prefix, 3);
            await(pubSub.ssubscribe(channels.toArray(String[]::new)));

            for (String channel : channels) {
                assertThat(pubSub.spublish(channel, bytes("s-" + channel))).as("subscribers reached in the shard of " + channel)
                        .isEqualTo(1);
                assertThat(recorder.next()).isEqualTo("shard " + channel + "=s-" + channel);
                LocalRedisNode owner = masterServing(cluster, SlotHash.getSlot(prefix.value() + channel));
                assertThat(owner.command("PUBSUB", "SHARDCHANNELS", prefix.value() + "*")).asList().contains(prefix.value() + channel);
            }
        }
    }

    @Test
    void ssubscribe_hashTaggedChannels_shareASlotAndOneCommand(LocalRedisCluster cluster, TestKeyPrefix prefix) throws Exception {
        assumeThat(majorVersion(cluster.nodes().get(0))).as("sharded pub/sub needs Redis 7").isGreaterThanOrEqualTo(7);
        try (RedisService service = RedisService.create(LocalTopologies.cluster(cluster).keyPrefix(prefix.value()).build())) {
            Recorder recorder = new Recorder();
            PubSubConnection pubSub = service.connections().pubSub(recorder);
            await(pubSub.ssubscribe("{room:7}:messages", "{room:7}:typing"));

            pubSub.spublish("{room:7}:typing", bytes("ada"));

            assertThat(recorder.next()).isEqualTo("shard {room:7}:typing=ada");
            assertThat(service.keys().slot("{room:7}:messages")).isEqualTo(service.keys().slot("{room:7}:typing"));
        }
    }

    @Test
    void subscribe_anotherServicesPrefix_doesNotHearIt(LocalRedisStandalone redis, TestKeyPrefix prefix) throws Exception {
        try (RedisService tenantA = RedisService.create(LocalTopologies.standalone(redis).keyPrefix(prefix.value() + "a:").build());
                RedisService tenantB = RedisService.create(LocalTopologies.standalone(redis).keyPrefix(prefix.value() + "b:").build())) {
            Recorder recorder = new Recorder();
            PubSubConnection subscriberA = tenantA.connections().pubSub(recorder);
            await(subscriberA.subscribe("room:1"));
            PubSubConnection publisherB = tenantB.connections().pubSub(new Recorder());

            publisherB.publish("room:1", bytes("for tenant b"));
            subscriberA.publish("room:1", bytes("for tenant a"));

            // One server delivers in publish order: had b's message reached a, it would come first.
            assertThat(recorder.next()).isEqualTo("room:1=for tenant a");
        }
    }

    @Test
    void psubscribe_prefixWithGlobCharacters_matchesItsOwnPrefixOnly(LocalRedisStandalone redis, TestKeyPrefix prefix) throws Exception {
        try (RedisService globbed = RedisService.create(LocalTopologies.standalone(redis).keyPrefix(prefix.value() + "t*:").build());
                RedisService other = RedisService.create(LocalTopologies.standalone(redis).keyPrefix(prefix.value() + "tx:").build())) {
            Recorder recorder = new Recorder();
            PubSubConnection pubSub = globbed.connections().pubSub(recorder);
            await(pubSub.psubscribe("room:*"));

            // Unescaped, the pattern t*:room:* would match tx:room:1.
            other.connections().pubSub(new Recorder()).publish("room:1", bytes("other prefix"));
            pubSub.publish("room:2", bytes("own prefix"));

            assertThat(recorder.next()).isEqualTo("room:* room:2=own prefix");
        }
    }

    @Test
    void unsubscribe_laterMessages_notDelivered(LocalRedisStandalone redis, TestKeyPrefix prefix) throws Exception {
        try (RedisService service = RedisService.create(LocalTopologies.standalone(redis).keyPrefix(prefix.value()).build())) {
            Recorder recorder = new Recorder();
            PubSubConnection pubSub = service.connections().pubSub(recorder);
            await(pubSub.subscribe("gone", "kept"));

            await(pubSub.unsubscribe("gone"));
            pubSub.publish("gone", bytes("late"));
            pubSub.publish("kept", bytes("marker"));

            assertThat(recorder.next()).isEqualTo("kept=marker");
            assertThat(pubSub.subscriptions(PubSubConnection.Kind.CHANNEL)).containsExactly("kept");
        }
    }

    @Test
    void subscribe_badNames_refusedNamingTheArgument(LocalRedisStandalone redis, TestKeyPrefix prefix) {
        try (RedisService service = RedisService.create(LocalTopologies.standalone(redis).keyPrefix(prefix.value()).build())) {
            PubSubConnection pubSub = service.connections().pubSub(new Recorder());

            assertThatIllegalArgumentException().isThrownBy(() -> pubSub.subscribe()).withMessage("channels must not be empty");
            assertThatIllegalArgumentException().isThrownBy(() -> pubSub.ssubscribe("ok", ""))
                    .withMessage("shardChannels must not contain a null or empty shard channel, was ''");
            assertThatIllegalArgumentException().isThrownBy(() -> pubSub.psubscribe((String) null))
                    .withMessage("patterns must not contain a null or empty pattern, was null");
            assertThatIllegalArgumentException().isThrownBy(() -> pubSub.publish("", bytes("x")))
                    .withMessage("channel must not be null or empty, was ''");
            assertThatIllegalArgumentException().isThrownBy(() -> pubSub.publish("c", null)).withMessage("message must not be null");
            assertThatIllegalArgumentException().isThrownBy(() -> service.connections().pubSub(null))
                    .withMessage("listener must not be null");
        }
    }

    @Test
    void close_withTheService_endsTheSubscriptions(LocalRedisStandalone redis, TestKeyPrefix prefix) throws Exception {
        String clientName = "pubsub-close-" + System.nanoTime();
        PubSubConnection pubSub;
        try (RedisService service = RedisService.create(LocalTopologies.standalone(redis).keyPrefix(prefix.value())
                .clientName(clientName).build())) {
            pubSub = service.connections().pubSub(new Recorder());
            await(pubSub.subscribe("room:1"));
            assertThat(pubSubClients(redis.node(), clientName)).hasSize(1);
        }

        assertThatIllegalStateException().isThrownBy(() -> pubSub.subscribe("room:2")).withMessage("the pub/sub connection is closed");
        org.awaitility.Awaitility.await().atMost(WAIT_SECONDS, TimeUnit.SECONDS)
                .until(() -> pubSubClients(redis.node(), clientName).isEmpty());
    }

    @Test
    void supportsSharded_isTheServersMajorVersionFrom7(LocalRedisStandalone redis, TestKeyPrefix prefix) throws Exception {
        try (RedisService service = RedisService.create(LocalTopologies.standalone(redis).keyPrefix(prefix.value()).build())) {
            PubSubConnection pubSub = service.connections().pubSub(new Recorder());

            assertThat(pubSub.supportsSharded().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo(majorVersion(redis.node()) >= 7);
        }
    }

    @Test
    void ssubscribe_serverBefore7_failsAsRefusedForGood(LocalRedisStandalone redis, TestKeyPrefix prefix) {
        assumeThat(majorVersion(redis.node())).as("only a server without sharded pub/sub refuses SSUBSCRIBE").isLessThan(7);
        try (RedisService service = RedisService.create(LocalTopologies.standalone(redis).keyPrefix(prefix.value()).build())) {
            PubSubConnection pubSub = service.connections().pubSub(new Recorder());

            assertThatThrownBy(() -> await(pubSub.ssubscribe("room:1"))).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RedisCommandException.class);
            assertThat(pubSub.subscriptions(PubSubConnection.Kind.SHARD_CHANNEL)).isEmpty();
        }
    }

    static void await(CompletionStage<?> stage) throws Exception {
        stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static int majorVersion(LocalRedisNode node) {
        return DefaultPubSubConnection.majorVersion(node.info("server"));
    }

    static List<String> pubSubClients(LocalRedisNode node, String clientName) {
        return Arrays.stream(((String) node.command("CLIENT", "LIST", "TYPE", "pubsub")).split("\r?\n"))
                .filter(line -> line.contains(" name=" + clientName + " ")).toList();
    }

    /** Returns channel names whose raw names (prefix included) fall in {@code count} distinct slots. */
    static List<String> channelsInDistinctSlots(TestKeyPrefix prefix, int count) {
        java.util.Map<Integer, String> bySlot = new java.util.LinkedHashMap<>();
        for (int i = 0; bySlot.size() < count; i++) {
            String channel = "shard-" + i;
            bySlot.putIfAbsent(SlotHash.getSlot(prefix.value() + channel) * count / SlotHash.SLOT_COUNT, channel);
        }
        return List.copyOf(bySlot.values());
    }

    /** Returns the master serving a slot, as the cluster says ({@code CLUSTER SLOTS}). */
    @SuppressWarnings("unchecked")
    static LocalRedisNode masterServing(LocalRedisCluster cluster, int slot) {
        for (LocalRedisNode node : cluster.masters()) {
            for (Object range : (List<Object>) node.command("CLUSTER", "SLOTS")) {
                List<Object> fields = (List<Object>) range;
                long start = (Long) fields.get(0);
                long end = (Long) fields.get(1);
                long port = (Long) ((List<Object>) fields.get(2)).get(1);
                if (slot >= start && slot <= end && port == node.port()) {
                    return node;
                }
            }
        }
        throw new AssertionError("no master serves slot " + slot);
    }

    /** Records what the listener hears, as {@code channel=message}, in arrival order. */
    static final class Recorder implements PubSubListener {
        private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        final BlockingQueue<String> resubscribed = new LinkedBlockingQueue<>();

        @Override
        public void message(String channel, byte[] message) {
            heard.add(channel + "=" + new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void shardMessage(String shardChannel, byte[] message) {
            heard.add("shard " + shardChannel + "=" + new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void patternMessage(String pattern, String channel, byte[] message) {
            heard.add(pattern + " " + channel + "=" + new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void resubscribed(PubSubConnection.Kind kind, String name) {
            resubscribed.add(kind + " " + name);
        }

        /** Returns the next thing heard, waiting up to 10 s for it. */
        String next() throws InterruptedException {
            String next = heard.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(next).as("a message within %d s", WAIT_SECONDS).isNotNull();
            return next;
        }
    }
}
