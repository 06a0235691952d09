package org.chatapp.redis.spring;

import java.util.ArrayList;
import java.util.List;
import org.chatapp.redis.InvalidRedisOptionException;
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
            builder.nodes(parse("nodes", properties.getNodes()));
            if (sentinel.getMaster() != null || !sentinel.getNodes().isEmpty()) {
                builder.sentinel(new SentinelOptions(sentinel.getMaster(), parse("sentinel.nodes", sentinel.getNodes()),
                        sentinel.getUsername(), sentinel.getPassword()));
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

    /**
     * Parses a list of addresses.
     *
     * @throws InvalidRedisOptionException naming the entry at fault as the setting, such as {@code nodes[1]}
     */
    private static List<RedisNode> parse(String setting, List<String> addresses) {
        List<RedisNode> nodes = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            try {
                nodes.add(RedisNode.parse(addresses.get(i)));
            } catch (IllegalArgumentException e) {
                String entry = setting + "[" + i + "]";
                throw new InvalidRedisOptionException(entry, entry + " " + e.getMessage(), e);
            }
        }
        return nodes;
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
