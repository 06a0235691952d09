package org.chatapp.redis;

/**
 * Connections of their own, for what must not run on the service's shared connection: pub/sub,
 * which turns a connection into a subscriber, and blocking reads, which hold a connection until
 * data arrives. Each is opened with the service's credentials, TLS, client name and reconnect
 * policy, in every topology, and is closed by its caller (or with the service).
 */
public interface RedisConnections {
}
