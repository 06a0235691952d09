package org.chatapp.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Lettuce 7 as a user would take it: default options, one shared connection, String codec; for
 * batches, the manual flushing its documentation describes, on a second connection that only the
 * batching thread uses.
 */
final class LettucePeer implements ClientPeer {

    @Override
    public String name() {
        return "Lettuce " + Versions.of("io.lettuce", "lettuce-core") + " (raw)";
    }

    @Override
    public String setup() {
        return "`RedisClient`/`RedisClusterClient` with default options, one shared connection; in flight through "
                + "the async API; a batch on a second connection with `setAutoFlushCommands(false)`: the async "
                + "commands, `flushCommands()`, then `join()` on every future";
    }

    @Override
    public BenchClient connect(Topology topology) {
        List<RedisURI> uris = topology.nodes().stream().map(node -> RedisURI.create(node.host(), node.port())).toList();
        if (topology.cluster()) {
            RedisClusterClient client = RedisClusterClient.create(uris);
            StatefulRedisClusterConnection<String, String> connection = client.connect();
            StatefulRedisClusterConnection<String, String> batchConnection = client.connect();
            // Commands wait in a node connection until a flush; one that is still connecting when
            // flushCommands() runs would keep its commands until the next, which never comes while
            // the batch waits for them. So every master's connection is opened before flushing is manual.
            for (RedisClusterNode node : batchConnection.getPartitions()) {
                if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                    batchConnection.getConnection(node.getUri().getHost(), node.getUri().getPort());
                }
            }
            batchConnection.setAutoFlushCommands(false);
            return client(connection.sync(), connection.async(), batchConnection, batchConnection.async(), () -> {
                batchConnection.close();
                connection.close();
                client.shutdown();
            });
        }
        RedisClient client = RedisClient.create(uris.get(0));
        StatefulRedisConnection<String, String> connection = client.connect();
        StatefulRedisConnection<String, String> batchConnection = client.connect();
        batchConnection.setAutoFlushCommands(false);
        return client(connection.sync(), connection.async(), batchConnection, batchConnection.async(), () -> {
            batchConnection.close();
            connection.close();
            client.shutdown();
        });
    }

    private static BenchClient client(RedisClusterCommands<String, String> sync,
            RedisClusterAsyncCommands<String, String> async, StatefulConnection<String, String> batchConnection,
            RedisClusterAsyncCommands<String, String> batchAsync, Runnable close) {
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
            public void getBatch(List<String> keys) {
                List<RedisFuture<String>> replies = new ArrayList<>(keys.size());
                for (String key : keys) {
                    replies.add(batchAsync.get(Peers.PREFIX + key));
                }
                awaitAll(replies);
            }

            @Override
            public void setBatch(List<String> keys, String value) {
                List<RedisFuture<String>> replies = new ArrayList<>(keys.size());
                for (String key : keys) {
                    replies.add(batchAsync.set(Peers.PREFIX + key, value));
                }
                awaitAll(replies);
            }

            /** Sends the buffered commands, one flush per node connection, and reads every reply. */
            private void awaitAll(List<RedisFuture<String>> replies) {
                batchConnection.flushCommands();
                replies.forEach(reply -> reply.toCompletableFuture().join());
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
