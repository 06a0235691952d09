package org.chatapp.redis;

/**
 * Receives the messages of a {@link PubSubConnection}, and hears when subscriptions that were lost
 * are in place again. Channel and pattern names are the caller's: without the service's key prefix.
 *
 * <p>Methods run on one of the client's event-loop threads, one message at a time per Redis
 * connection: keep them short and hand the work to an executor of your own. A method that blocks
 * delays every message behind it; one that throws is logged and the connection carries on.
 */
public interface PubSubListener {

    /** Receives a message published with PUBLISH to a channel subscribed with {@link PubSubConnection#subscribe}. */
    void message(String channel, byte[] message);

    /**
     * Receives a message published with SPUBLISH to a shard channel subscribed with {@link
     * PubSubConnection#ssubscribe}; by default handed to {@link #message(String, byte[])}.
     */
    default void shardMessage(String shardChannel, byte[] message) {
        message(shardChannel, message);
    }

    /**
     * Receives a message published to {@code channel}, which matched {@code pattern} subscribed with
     * {@link PubSubConnection#psubscribe}; by default ignored.
     */
    default void patternMessage(String pattern, String channel, byte[] message) {
    }

    /**
     * Hears that a subscription lost with its connection (a reconnect, a failover, a restart, a
     * cluster slot moving to another node) is confirmed by Redis again. Messages published while it
     * was lost are not delivered: plain pub/sub keeps nothing for absent subscribers.
     */
    default void resubscribed(PubSubConnection.Kind kind, String name) {
    }
}
