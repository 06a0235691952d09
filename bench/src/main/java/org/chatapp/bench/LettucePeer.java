package org.chatapp.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Lettuce 7 as a user would take it: default options, one shared connection, String codec. */
final class LettucePeer implements ClientPeer {

    @Override
    public String name() {
        return "Lettuce " + Versions.of("io.lettuce", "lettuce-core") + " (raw)";
    }

    @Override
    public String setup() {
        return "`RedisClient`/`RedisClusterClient` with default options, one shared connection; in flight through "
                + "the async API";
    }

    @Override
    public BenchClient connect(Topology topology) {
        List<RedisURI> uris = topology.nodes().stream().map(node -> RedisURI.create(node.host(), node.port())).toList();
        if (topology.cluster()) {
            RedisClusterClient client = RedisClusterClient.create(uris);
            StatefulRedisClusterConnection<String, String> connection = client.connect();
            return client(connection.sync(), connection.async(), () -> {
                connection.close();
                client.shutdown();
            });
        }
        RedisClient client = RedisClient.create(uris.get(0));
        StatefulRedisConnection<String, String> connection = client.connect();
        return client(connection.sync(), connection.async(), () -> {
            connection.close();
            client.shutdown();
        });
    }

    private static BenchClient client(RedisClusterCommands<String, String> sync,
            RedisClusterAsyncCommands<String, String> async, Runnable close) {
        return new BenchClient.Async() {
            @Override
            public String get(String key) {
                return sync.get(Peers.PREFIX + key);
            }

            @Override
            public void set(String key, String value) {
                sync.set(Peers.PREFIX + key, value);
            }

            @Override
            public CompletionStage<?> getAsync(String key) {
                return async.get(Peers.PREFIX + key);
            }

            @Override
            public CompletionStage<?> setAsync(String key, String value) {
                return async.set(Peers.PREFIX + key, value);
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }
}
