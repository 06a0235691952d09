package org.chatapp.redis;

import java.util.List;

/**
 * Where Redis Sentinel runs and which master it watches. The data nodes' credentials come from
 * {@link RedisOptions}; the sentinels may have credentials of their own.
 *
 * @param master the monitored master's name, as in {@code sentinel monitor <name> ...}
 * @param nodes the sentinels; one reachable sentinel is enough to find the master
 * @param username the ACL user for the sentinels, or null
 * @param password the password for the sentinels, or null when they require none
 */
public record SentinelOptions(String master, List<RedisNode> nodes, String username, String password) {

    /**
     * Validates the settings.
     *
     * @throws InvalidRedisOptionException naming {@code sentinel.master} when the master name is
     *     blank, {@code sentinel.nodes} when there is no sentinel node, {@code sentinel.password}
     *     when a sentinel user comes without one
     */
    public SentinelOptions {
        if (master == null || master.isBlank()) {
            throw new InvalidRedisOptionException("sentinel.master", "sentinel.master must not be empty, was '" + master + "'");
        }
        if (nodes == null || nodes.isEmpty()) {
            throw new InvalidRedisOptionException("sentinel.nodes", "sentinel.nodes must list at least one sentinel host:port");
        }
        nodes = RedisNode.copyOf("sentinel.nodes", nodes);
        if (username != null && password == null) {
            throw new InvalidRedisOptionException("sentinel.password", "sentinel.username '" + username + "' needs sentinel.password");
        }
    }

    /** Returns the settings for sentinels that require no password. */
    public static SentinelOptions of(String master, List<RedisNode> nodes) {
        return new SentinelOptions(master, nodes, null, null);
    }

    @Override
    public String toString() {
        return "SentinelOptions[master=" + master + ", nodes=" + nodes + ", username=" + username
                + ", password=" + RedisOptions.mask(password) + "]";
    }
}
