package org.chatapp.redis;

/**
 * Connections of their own, for what must not run on the service's shared connection: pub/sub,
 * which turns a connection into a subscriber, and blocking reads, which hold a connection until
 * data arrives. Each is opened with the service's credentials, TLS, client name and reconnect
 * policy, in every topology, and is closed by its caller (or with the service).
 */
public interface RedisConnections {

    /**
     * Returns a new connection for blocking commands ({@code XREADGROUP ... BLOCK}, {@code BLPOP},
     * {@code BRPOP}), opened on its first command; see {@link DedicatedConnection}. Each call opens
     * one more connection (per node it talks to, in a cluster): keep it for as long as it is used.
     */
    DedicatedConnection dedicated();

    /**
     * Opens a pub/sub connection that keeps its subscriptions through reconnects, failovers and
     * restarts, and hands every message to {@code listener}; see {@link PubSubConnection}. It starts
     * connecting in the background and returns at once: subscriptions made before Redis is reachable
     * are sent once it is. Each call opens one more connection (per node holding its shard channels,
     * in a cluster).
     *
     * @throws IllegalArgumentException when the listener is null
     */
    PubSubConnection pubSub(PubSubListener listener);
}
