package org.chatapp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.chatapp.redis.RedisNode;
import org.redisson.Redisson;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * Redisson as its users take it: default settings with the String codec, an {@code RBucket} per
 * key, and its {@code RFuture}s to keep many calls in flight.
 */
final class RedissonPeer implements ClientPeer {

    @Override
    public String name() {
        return "Redisson " + Versions.of("org.redisson", "redisson");
    }

    @Override
    public String setup() {
        return "`Config` with `useSingleServer()`/`useClusterServers()` and defaults otherwise (on the cluster "
                + "reads go to replicas, Redisson's default), `StringCodec`, `RBucket<String>`; in flight through "
                + "`getAsync`/`setAsync`; a batch as `createBatch()` with default `BatchOptions`, "
                + "`getBucket(key).getAsync()`/`setAsync(value)` per key, `execute()`, then every future's value";
    }

    @Override
    public BenchClient connect(Topology topology) {
        Config config = config(topology);
        config.setCodec(StringCodec.INSTANCE);
        RedissonClient redisson = Redisson.create(config);
        return new BenchClient.Async() {
            @Override
            public String get(String key) {
                return redisson.<String>getBucket(Peers.PREFIX + key).get();
            }

            @Override
            public void set(String key, String value) {
                redisson.<String>getBucket(Peers.PREFIX + key).set(value);
            }

            @Override
            public void getBatch(List<String> keys) {
                RBatch batch = redisson.createBatch();
                List<RFuture<String>> results = new ArrayList<>(keys.size());
                for (String key : keys) {
                    results.add(batch.<String>getBucket(Peers.PREFIX + key).getAsync());
                }
                batch.execute();
                results.forEach(result -> result.toCompletableFuture().join());
            }

            @Override
            public void setBatch(List<String> keys, String value) {
                RBatch batch = redisson.createBatch();
                List<RFuture<Void>> results = new ArrayList<>(keys.size());
                for (String key : keys) {
                    results.add(batch.<String>getBucket(Peers.PREFIX + key).setAsync(value));
                }
                batch.execute();
                results.forEach(result -> result.toCompletableFuture().join());
            }

            @Override
            public CompletionStage<?> getAsync(String key) {
                return redisson.<String>getBucket(Peers.PREFIX + key).getAsync();
            }

            @Override
            public CompletionStage<?> setAsync(String key, String value) {
                return redisson.<String>getBucket(Peers.PREFIX + key).setAsync(value);
            }

            @Override
            public void close() {
                redisson.shutdown();
            }
        };
    }

    /** Returns the configuration every Redisson peer starts from: the topology's servers, defaults otherwise. */
    static Config config(Topology topology) {
        Config config = new Config();
        if (topology.cluster()) {
            topology.nodes().forEach(node -> config.useClusterServers().addNodeAddress(address(node)));
        } else {
            config.useSingleServer().setAddress(address(topology.nodes().get(0)));
        }
        return config;
    }

    private static String address(RedisNode node) {
        return "redis://" + node.host() + ":" + node.port();
    }
}
