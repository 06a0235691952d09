package org.chatapp.bench;

import java.util.concurrent.CompletionStage;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;

/** {@code RedisService} with a key prefix: what the goals are about. */
final class ChatappPeer implements ClientPeer {

    @Override
    public String name() {
        return "chatapp RedisService";
    }

    @Override
    public String setup() {
        return "`RedisService` with key prefix `" + Peers.PREFIX + "`; in flight through `getAsync`/`setAsync`";
    }

    @Override
    public BenchClient connect(Topology topology) {
        RedisOptions.Builder options = RedisOptions.builder().keyPrefix(Peers.PREFIX);
        if (topology.cluster()) {
            options.nodes(topology.nodes());
        } else {
            RedisNode node = topology.nodes().get(0);
            options.host(node.host()).port(node.port());
        }
        RedisService redis = RedisService.create(options.build());
        return new BenchClient.Async() {
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
