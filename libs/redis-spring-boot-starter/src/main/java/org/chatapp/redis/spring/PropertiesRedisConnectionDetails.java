package org.chatapp.redis.spring;

import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.SentinelOptions;

/** The connection details written in {@code chatapp.redis.*} (or a named client's section). */
final class PropertiesRedisConnectionDetails implements RedisConnectionDetails {

    private final String prefix;
    private final RedisClientProperties properties;

    PropertiesRedisConnectionDetails(String prefix, RedisClientProperties properties) {
        this.prefix = prefix;
        this.properties = properties;
    }

    @Override
    public Endpoint endpoint() {
        RedisOptions.Builder builder = RedisOptions.builder();
        RedisClientProperties.Sentinel sentinel = properties.getSentinel();
        RedisOptionsMapper.guard(prefix, () -> {
            if (properties.getHost() != null) {
                builder.host(properties.getHost());
            }
            if (properties.getPort() != null) {
                builder.port(properties.getPort());
            }
            if (properties.getDb() != null) {
                builder.db(properties.getDb());
            }
            builder.nodes(properties.getNodes().stream().map(RedisNode::parse).toList());
            if (sentinel.getMaster() != null || !sentinel.getNodes().isEmpty()) {
                builder.sentinel(new SentinelOptions(sentinel.getMaster(),
                        sentinel.getNodes().stream().map(RedisNode::parse).toList(), sentinel.getUsername(), sentinel.getPassword()));
            }
            return null;
        });
        RedisOptions options = RedisOptionsMapper.guard(prefix, builder::build);
        return switch (options.mode()) {
            case STANDALONE -> new Standalone(options.host(), options.port(), options.db());
            case CLUSTER -> new Cluster(options.nodes());
            case SENTINEL -> new Sentinel(options.sentinel(), options.db());
        };
    }

    @Override
    public String username() {
        return properties.getUsername();
    }

    @Override
    public String password() {
        return properties.getPassword();
    }

    @Override
    public String toString() {
        return "PropertiesRedisConnectionDetails[" + prefix + "]";
    }
}
