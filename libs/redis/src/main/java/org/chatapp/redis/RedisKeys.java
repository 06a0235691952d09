package org.chatapp.redis;

/**
 * The service's key rule as an operation: the raw key stored in Redis for a caller's key, and
 * back, and the cluster slot a key lands in. Features built on the service use it instead of
 * putting the prefix in front by hand, so that a key they hand to a script or a channel name is
 * stored exactly where the service's own commands would store it.
 */
public interface RedisKeys {

    /** Returns the prefix put before every key; empty for none. */
    String prefix();

    /**
     * Returns the raw key stored in Redis for a caller's key: the prefix followed by the key.
     *
     * @throws IllegalArgumentException when the key is null or empty
     */
    String raw(String key);

    /**
     * Returns the caller's key for a raw key read from Redis.
     *
     * @throws IllegalArgumentException when the raw key does not start with the prefix
     */
    String key(String rawKey);

    /**
     * Returns the Redis Cluster hash slot (0 to 16383) of a caller's key once prefixed; a hash tag
     * such as {@code {room:42}} decides it, so keys sharing a tag share a slot. Meaningful in every
     * topology, so code can check keys for a cluster while running on a single server.
     *
     * @throws IllegalArgumentException when the key is null or empty
     */
    int slot(String key);
}
