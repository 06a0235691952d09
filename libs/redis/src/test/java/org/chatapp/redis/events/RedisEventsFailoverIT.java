package org.chatapp.redis.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisNode;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions that come back by themselves: a node is killed (a replica promoted) or a server
 * restarts under a bus publishing every 20 ms; events published after the recovery must arrive.
 * Each test starts servers of its own, since it breaks them, and prints the gap it measured.
 */
class RedisEventsFailoverIT {

    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PROMOTION_WAIT = Duration.ofSeconds(30);
    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(20);

    @Test
    void shardedSubscription_masterOfItsSlotKilled_receivesAgainOnThePromotedReplica() throws Exception {
        try (LocalRedisCluster cluster = LocalRedis.cluster().nodeTimeout(NODE_TIMEOUT).start()) {
            EventsTopology.assumeShardedPubSub(cluster.nodes().get(0));
            LocalRedisNode victim = cluster.masters().get(0);
            String channel = EventsTopology.channelServedBy(victim);
            String raw = "failover:events:" + channel;
            try (RedisService redis = RedisService.create(clusterOptions(cluster).keyPrefix("failover:").build());
                    RedisEvents events = RedisEvents.create(redis);
                    EventTraffic traffic = new EventTraffic(events, channel)) {
                assertThat(events.sharded().toCompletableFuture().get()).isTrue();
                assertThat(victim.command("PUBSUB", "SHARDCHANNELS", raw)).as("the subscription is on the victim").isEqualTo(List.of(raw));
                await().atMost(RECOVERY_WAIT).until(() -> traffic.arrivedCount() >= 10);

                long killedAt = System.nanoTime();
                victim.kill();
                LocalRedisNode promoted = cluster.awaitPromotion(victim, PROMOTION_WAIT);
                long promotedAt = System.nanoTime();
                long publishedAtPromotion = traffic.published();

                await().atMost(RECOVERY_WAIT).until(() -> traffic.lastArrived() > publishedAtPromotion);
                long resumedAt = System.nanoTime();
                report("sharded, master of the slot killed", traffic, events, killedAt, promotedAt, resumedAt);
                assertThat(promoted.command("PUBSUB", "SHARDCHANNELS", raw)).as("subscribed on the promoted replica")
                        .isEqualTo(List.of(raw));
                assertThat(events.stats().resubscriptions()).isGreaterThanOrEqualTo(1);
                assertThat(traffic.duplicates()).as("events delivered twice").isZero();
            }
        }
    }

    @Test
    void shardedSubscription_manualFailover_followsItsSlotToTheNewMasterOnly() throws Exception {
        try (LocalRedisCluster cluster = LocalRedis.cluster().nodeTimeout(NODE_TIMEOUT).start()) {
            EventsTopology.assumeShardedPubSub(cluster.nodes().get(0));
            LocalRedisNode master = cluster.masters().get(0);
            LocalRedisNode replica = cluster.replicas().stream()
                    .filter(node -> node.info("replication").lines().anyMatch(line -> line.strip().equals("master_port:" + master.port())))
                    .findFirst().orElseThrow();
            String channel = EventsTopology.channelServedBy(master);
            String raw = "handover:events:" + channel;
            try (RedisService redis = RedisService.create(clusterOptions(cluster).keyPrefix("handover:").build());
                    RedisEvents events = RedisEvents.create(redis);
                    EventTraffic traffic = new EventTraffic(events, channel)) {
                await().atMost(RECOVERY_WAIT).until(() -> traffic.arrivedCount() >= 10);

                long handoverAt = System.nanoTime();
                // The replica takes over without data loss; Redis then ends the shard subscriptions on the old master.
                replica.command("CLUSTER", "FAILOVER");
                await().atMost(PROMOTION_WAIT).until(() -> cluster.masters().contains(replica) && !cluster.masters().contains(master));
                long promotedAt = System.nanoTime();
                long publishedAtPromotion = traffic.published();

                await().atMost(RECOVERY_WAIT).until(() -> traffic.lastArrived() > publishedAtPromotion);
                long resumedAt = System.nanoTime();
                report("sharded, manual failover of the slot's master", traffic, events, handoverAt, promotedAt, resumedAt);
                await().atMost(RECOVERY_WAIT).until(() -> replica.command("PUBSUB", "SHARDCHANNELS", raw).equals(List.of(raw)));
                assertThat(master.command("PUBSUB", "SHARDCHANNELS", raw)).as("left on the old master, now a replica").isEqualTo(List.of());
                assertThat(traffic.duplicates()).as("events delivered twice").isZero();
            }
        }
    }

    @Test
    void subscription_madeWhileRedisIsDown_confirmedAndDeliveredOnceItIsUp() throws Exception {
        try (LocalRedisStandalone server = LocalRedis.standalone().start()) {
            server.node().stop();
            try (RedisService redis = RedisService.create(RedisOptions.builder().host(server.host()).port(server.port())
                    .keyPrefix("late:").build());
                    RedisEvents events = RedisEvents.create(redis)) {
                List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
                EventSubscription subscription = events.subscribe("room:{1}", EventTraffic.Tick.class,
                        (channel, tick) -> heard.add(channel + " " + tick.number()));
                assertThat(subscription.confirmed().toCompletableFuture()).as("not confirmed while Redis is down").isNotDone();

                server.node().restart();

                subscription.confirmed().toCompletableFuture().get(RECOVERY_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                events.publish("room:{1}", new EventTraffic.Tick(1));
                await().atMost(RECOVERY_WAIT).until(() -> heard.equals(List.of("room:{1} 1")));
            }
        }
    }

    @Test
    void classicSubscription_nodeHoldingItKilled_receivesAgainAfterThePromotion() throws Exception {
        String clientName = "events-failover-" + System.nanoTime();
        List<Socket> crowd = new ArrayList<>();
        try (LocalRedisCluster cluster = LocalRedis.cluster().nodeTimeout(NODE_TIMEOUT).start()) {
            // Lettuce puts the classic subscription on the node with the fewest clients: idle clients on
            // the replicas steer it to a master, whose death then also needs a promotion.
            for (LocalRedisNode replica : cluster.replicas()) {
                for (int i = 0; i < 20; i++) {
                    crowd.add(new Socket(replica.host(), replica.port()));
                }
            }
            RedisOptions options = clusterOptions(cluster).keyPrefix("failover:").clientName(clientName).build();
            try (RedisService redis = RedisService.create(options);
                    RedisEvents events = RedisEvents.create(redis, EventOptions.defaults().withSharding(EventOptions.Sharding.CLASSIC))) {
                events.subscribe("probe", EventTraffic.Tick.class, (c, e) -> { }).confirmed().toCompletableFuture().get();
                LocalRedisNode victim = cluster.nodes().stream().filter(node -> holdsPubSubClient(node, clientName)).findFirst()
                        .orElseThrow();
                boolean victimIsMaster = cluster.masters().contains(victim);
                // A channel of the victim's slots: its PUBLISH fails too until the promotion.
                String channel = victimIsMaster ? EventsTopology.channelServedBy(victim) : "room:{1}";
                try (EventTraffic traffic = new EventTraffic(events, channel)) {
                    await().atMost(RECOVERY_WAIT).until(() -> traffic.arrivedCount() >= 10);

                    long killedAt = System.nanoTime();
                    victim.kill();
                    if (victimIsMaster) {
                        cluster.awaitPromotion(victim, PROMOTION_WAIT);
                    }
                    long promotedAt = System.nanoTime();
                    long publishedAfterKill = traffic.published();

                    await().atMost(RECOVERY_WAIT).until(() -> traffic.lastArrived() > publishedAfterKill);
                    long resumedAt = System.nanoTime();
                    report("classic, the " + (victimIsMaster ? "master" : "replica") + " holding the subscription killed",
                            traffic, events, killedAt, promotedAt, resumedAt);
                    assertThat(events.stats().resubscriptions()).isGreaterThanOrEqualTo(2);
                    assertThat(traffic.duplicates()).as("events delivered twice").isZero();
                }
            }
        } finally {
            for (Socket socket : crowd) {
                socket.close();
            }
        }
    }

    @Test
    void subscription_standaloneServerRestarted_receivesAgain() throws Exception {
        try (LocalRedisStandalone server = LocalRedis.standalone().start();
                RedisService redis = RedisService.create(RedisOptions.builder().host(server.host()).port(server.port())
                        .keyPrefix("restart:").build());
                RedisEvents events = RedisEvents.create(redis);
                EventTraffic traffic = new EventTraffic(events, "room:{1}")) {
            await().atMost(RECOVERY_WAIT).until(() -> traffic.arrivedCount() >= 10);

            long restartedAt = System.nanoTime();
            server.node().restart();
            long upAt = System.nanoTime();
            long publishedAtRestart = traffic.published();

            await().atMost(RECOVERY_WAIT).until(() -> traffic.lastArrived() > publishedAtRestart);
            long resumedAt = System.nanoTime();
            report("standalone restarted", traffic, events, restartedAt, upAt, resumedAt);
            assertThat(events.stats().resubscriptions()).isEqualTo(1);
            assertThat(traffic.duplicates()).as("events delivered twice").isZero();
        }
    }

    private static RedisOptions.Builder clusterOptions(LocalRedisCluster cluster) {
        return RedisOptions.builder().nodes(RedisNode.parseList(cluster.seedAddresses()));
    }

    private static boolean holdsPubSubClient(LocalRedisNode node, String clientName) {
        return Arrays.stream(((String) node.command("CLIENT", "LIST", "TYPE", "pubsub")).split("\r?\n"))
                .anyMatch(line -> line.contains(" name=" + clientName + " "));
    }

    private static void report(String scenario, EventTraffic traffic, RedisEvents events, long brokenAt, long recoveredAt,
            long resumedAt) {
        System.out.printf("pub/sub recovery (%s): server back or replica promoted %d ms after the failure, delivery resumed"
                        + " %d ms after it; longest gap without delivery %d ms; %d published, %d arrived, %d publishes failed; %s%n",
                scenario, Duration.ofNanos(recoveredAt - brokenAt).toMillis(), Duration.ofNanos(resumedAt - brokenAt).toMillis(),
                traffic.longestGap().toMillis(), traffic.published(), traffic.arrivedCount(), traffic.failedPublishes(),
                events.stats());
    }
}
