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
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;

/** The peers measured so far: this library and the Lettuce it wraps. */
final class Peers {

    /** The prefix the library adds; the raw peers are handed keys that already carry it. */
    static final String PREFIX = "bench:";

    private Peers() {
    }

    static List<Peer> all() {
        return List.of(new ChatappPeer(), new LettucePeer());
    }

    /** {@code RedisService} with a key prefix: what the goals are about. */
    static final class ChatappPeer implements Peer {
        @Override
        public String name() {
            return "chatapp RedisService";
        }

        @Override
        public BenchClient connect(Topology topology) {
            RedisOptions.Builder options = RedisOptions.builder().keyPrefix(PREFIX);
            if (topology.cluster()) {
                options.nodes(topology.nodes());
            } else {
                RedisNode node = topology.nodes().get(0);
                options.host(node.host()).port(node.port());
            }
            RedisService redis = RedisService.create(options.build());
            return new BenchClient() {
                @Override
                public String get(String key) {
                    return redis.get(key).orElse(null);
                }

                @Override
                public void set(String key, String value) {
                    redis.set(key, value);
                }

                @Override
                public CompletionStage<?> getAsync(String key) {
                    return redis.getAsync(key);
                }

                @Override
                public CompletionStage<?> setAsync(String key, String value) {
                    return redis.setAsync(key, value);
                }

                @Override
                public void close() {
                    redis.close();
                }
            };
        }
    }

    /** Lettuce 7 as a user would take it: default options, one shared connection, String codec. */
    static final class LettucePeer implements Peer {
        @Override
        public String name() {
            return "Lettuce " + Versions.of("io.lettuce", "lettuce-core") + " (raw)";
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
            return new BenchClient() {
                @Override
                public String get(String key) {
                    return sync.get(PREFIX + key);
                }

                @Override
                public void set(String key, String value) {
                    sync.set(PREFIX + key, value);
                }

                @Override
                public CompletionStage<?> getAsync(String key) {
                    return async.get(PREFIX + key);
                }

                @Override
                public CompletionStage<?> setAsync(String key, String value) {
                    return async.set(PREFIX + key, value);
                }

                @Override
                public void close() {
                    close.run();
                }
            };
        }
    }
}
