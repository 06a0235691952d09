package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisNode;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.junit.jupiter.api.Test;

/** RedisClientListener against real processes that go away and come back. */
class ClientEventsIT {

    /** Records every call as "kind address". */
    static final class Recorder implements RedisClientListener {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void connected(String address) {
            calls.add("connected " + address);
        }

        @Override
        public void disconnected(String address) {
            calls.add("disconnected " + address);
        }

        @Override
        public void reconnected(String address) {
            calls.add("reconnected " + address);
        }

        @Override
        public void topologyChanged() {
            calls.add("topologyChanged");
        }
    }

    @Test
    void listener_serverRestarted_isToldDisconnectedThenReconnectedWithTheAddress() {
        try (LocalRedisStandalone server = LocalRedis.standalone().start();
                RedisService redis = RedisService.create(LocalTopologies.standalone(server).build())) {
            Recorder recorder = new Recorder();
            redis.addListener(recorder);
            String address = server.host() + ":" + server.port();

            server.node().restart();

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(recorder.calls)
                    .containsSubsequence("disconnected " + address, "reconnected " + address));
            assertThat(redis.ping()).isPositive();
        }
    }

    @Test
    void listener_removed_hearsNothingMore() {
        try (LocalRedisStandalone server = LocalRedis.standalone().start();
                RedisService redis = RedisService.create(LocalTopologies.standalone(server).build())) {
            Recorder removed = new Recorder();
            Recorder kept = new Recorder();
            redis.addListener(removed);
            redis.addListener(kept);
            redis.removeListener(removed);

            server.node().restart();

            await().atMost(Duration.ofSeconds(15)).until(() -> kept.calls.stream().anyMatch(call -> call.startsWith("reconnected")));
            assertThat(removed.calls).isEmpty();
        }
    }

    @Test
    void listener_failingListener_doesNotKeepTheEventFromOthers() {
        try (LocalRedisStandalone server = LocalRedis.standalone().start();
                RedisService redis = RedisService.create(LocalTopologies.standalone(server).build())) {
            redis.addListener(new RedisClientListener() {
                @Override
                public void disconnected(String address) {
                    throw new IllegalStateException("listener bug");
                }
            });
            Recorder recorder = new Recorder();
            redis.addListener(recorder);

            server.node().restart();

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(recorder.calls)
                    .anyMatch(call -> call.startsWith("disconnected")).anyMatch(call -> call.startsWith("reconnected")));
        }
    }

    @Test
    void listener_clusterMasterKilled_isToldTheTopologyChanged() {
        try (LocalRedisCluster cluster = LocalRedis.cluster().nodeTimeout(Duration.ofSeconds(2)).start();
                RedisService redis = RedisService.create(LocalTopologies.cluster(cluster).build())) {
            Recorder recorder = new Recorder();
            redis.addListener(recorder);
            redis.set("warm-up", "1");
            LocalRedisNode master = cluster.masters().get(0);

            master.kill();
            cluster.awaitPromotion(master, Duration.ofSeconds(30));

            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(recorder.calls).contains("topologyChanged"));
        }
    }
}
