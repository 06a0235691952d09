package org.chatapp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Jedis 8 as a user would take it: the pooled {@code RedisClient} (what {@code JedisPooled} was
 * before Jedis 8) or {@code RedisClusterClient}, blocking calls, and pipelines to keep many
 * commands in flight, since it has no non-blocking API.
 */
final class JedisPeer implements ClientPeer {

    /** More connections than the busiest case's 16 threads, so no thread waits for one. */
    private static final int POOL_SIZE = 32;

    @Override
    public String name() {
        return "Jedis " + Versions.of("redis.clients", "jedis");
    }

    @Override
    public String setup() {
        return "`RedisClient`, on the cluster `RedisClusterClient`, with a pool of " + POOL_SIZE
                + " connections (per node on the cluster); in flight as one pipeline of all the commands in flight, "
                + "`sync()` per batch; a batch as the same pipeline (`ClusterPipeline` on the cluster), `sync()`, then "
                + "`get()` on every `Response`";
    }

    @Override
    public BenchClient connect(Topology topology) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxIdle(POOL_SIZE);
        if (topology.cluster()) {
            Set<HostAndPort> nodes = topology.nodes().stream()
                    .map(node -> new HostAndPort(node.host(), node.port()))
                    .collect(Collectors.toSet());
            return new PipelinedJedis(RedisClusterClient.builder().nodes(nodes).poolConfig(pool).build());
        }
        return new PipelinedJedis(RedisClient.builder()
                .hostAndPort(topology.nodes().get(0).host(), topology.nodes().get(0).port())
                .poolConfig(pool)
                .build());
    }

    /** Either client; both return a pipeline that routes its commands and replies on {@code sync()}. */
    private record PipelinedJedis(UnifiedJedis jedis) implements BenchClient.Pipelined {

        @Override
        public String get(String key) {
            return jedis.get(Peers.PREFIX + key);
        }

        @Override
        public void set(String key, String value) {
            jedis.set(Peers.PREFIX + key, value);
        }

        @Override
        public void getPipelined(List<String> keys) {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (String key : keys) {
                    pipeline.get(Peers.PREFIX + key);
                }
                pipeline.sync();
            }
        }

        @Override
        public void setPipelined(List<String> keys, String value) {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (String key : keys) {
                    pipeline.set(Peers.PREFIX + key, value);
                }
                pipeline.sync();
            }
        }

        @Override
        public void getBatch(List<String> keys) {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                List<Response<String>> responses = new ArrayList<>(keys.size());
                for (String key : keys) {
                    responses.add(pipeline.get(Peers.PREFIX + key));
                }
                pipeline.sync();
                // A Response decodes its reply only in get(): read, the batch pays what its users pay.
                responses.forEach(Response::get);
            }
        }

        @Override
        public void setBatch(List<String> keys, String value) {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                List<Response<String>> responses = new ArrayList<>(keys.size());
                for (String key : keys) {
                    responses.add(pipeline.set(Peers.PREFIX + key, value));
                }
                pipeline.sync();
                responses.forEach(Response::get);
            }
        }

        @Override
        public void close() {
            jedis.close();
        }
    }
}
