package org.chatapp.redis;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

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

    /**
     * Splits items into groups that one multi-key command or script can take: on a cluster, items
     * whose keys share a slot, in slot order; on a single server or with sentinel, where any keys go
     * together, all of them; in both, at most {@code maxPerGroup} per group. Items keep their order
     * within a group, duplicates included. With {@link RedisService#batch()} each group then costs
     * one command, and each node one write.
     *
     * @param keyOf the caller's key (not yet prefixed) of an item, which decides its slot
     * @throws IllegalArgumentException when items or keyOf is null, a key is null or empty, or maxPerGroup is below 1
     */
    <T> List<List<T>> groupBySlot(Collection<T> items, Function<T, String> keyOf, int maxPerGroup);
}
