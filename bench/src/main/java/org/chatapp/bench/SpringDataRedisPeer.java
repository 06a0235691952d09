package org.chatapp.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Spring Data Redis as its users take it: a {@code LettuceConnectionFactory} with default client
 * options and a {@code StringRedisTemplate}. Its template has no non-blocking API, so many
 * commands are kept in flight with {@code executePipelined}.
 */
final class SpringDataRedisPeer implements ClientPeer {

    @Override
    public String name() {
        return "Spring Data Redis " + Versions.of("org.springframework.data", "spring-data-redis");
    }

    @Override
    public String setup() {
        return "`LettuceConnectionFactory` with defaults and a `StringRedisTemplate`; `opsForValue()` for the "
                + "blocking cases, in flight as `executePipelined` batches, each of which opens and closes a "
                + "connection of its own, as it does without a pool; a batch as one such `executePipelined`, which "
                + "returns every reply read";
    }

    @Override
    public BenchClient connect(Topology topology) {
        LettuceConnectionFactory factory = connectionFactory(topology);
        return new TemplateClient(factory, new StringRedisTemplate(factory));
    }

    /** Returns a started connection factory with default client options, as every Spring peer uses it. */
    static LettuceConnectionFactory connectionFactory(Topology topology) {
        LettuceConnectionFactory factory = topology.cluster()
                ? new LettuceConnectionFactory(new RedisClusterConfiguration(
                        topology.nodes().stream().map(node -> node.host() + ":" + node.port()).toList()))
                : new LettuceConnectionFactory(new RedisStandaloneConfiguration(
                        topology.nodes().get(0).host(), topology.nodes().get(0).port()));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    private record TemplateClient(LettuceConnectionFactory factory, StringRedisTemplate template)
            implements BenchClient.Pipelined {

        @Override
        public String get(String key) {
            return template.opsForValue().get(Peers.PREFIX + key);
        }

        @Override
        public void set(String key, String value) {
            template.opsForValue().set(Peers.PREFIX + key, value);
        }

        @Override
        public void getPipelined(List<String> keys) {
            template.executePipelined((RedisCallback<Object>) connection -> {
                for (String key : keys) {
                    connection.stringCommands().get(bytes(Peers.PREFIX + key));
                }
                return null;
            });
        }

        @Override
        public void setPipelined(List<String> keys, String value) {
            byte[] rawValue = bytes(value);
            template.executePipelined((RedisCallback<Object>) connection -> {
                for (String key : keys) {
                    connection.stringCommands().set(bytes(Peers.PREFIX + key), rawValue);
                }
                return null;
            });
        }

        /**
         * The batch is the same call as in flight: {@code executePipelined} has read every reply into
         * the list it returns, through the template's serializer, by the time it returns.
         */
        @Override
        public void getBatch(List<String> keys) {
            getPipelined(keys);
        }

        @Override
        public void setBatch(List<String> keys, String value) {
            setPipelined(keys, value);
        }

        /** Encodes as the template's string serializer does; a callback gets the connection's byte API. */
        private static byte[] bytes(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            factory.destroy();
        }
    }
}
