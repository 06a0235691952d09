package org.chatapp.redis;

/**
 * Told when the service's client connects, loses or regains a connection to a node, and when the
 * topology changes (a cluster's slot map, a sentinel setup's master). Covers every connection of
 * the client, the {@link RedisConnections connections of their own} included.
 *
 * <p>Methods run on one of the client's event threads, one event at a time: keep them short, and
 * hand anything that calls Redis to an executor of your own.
 */
public interface RedisClientListener {

    /** A connection to the node at {@code address} ({@code host:port}) is open and ready for commands. */
    default void connected(String address) {
    }

    /** A connection to the node at {@code address} was lost; it is being reconnected. */
    default void disconnected(String address) {
    }

    /** A connection to the node at {@code address} is open again after it was lost. */
    default void reconnected(String address) {
    }

    /** The topology changed: a cluster's slot map, or the master of a sentinel setup. */
    default void topologyChanged() {
    }
}
