package org.chatapp.redis.spring;

import java.util.List;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.SentinelOptions;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the default Redis client connects, and with which credentials. By default taken from
 * {@code chatapp.redis.*}; a bean of this type (from a test, a service registry, the local Redis
 * for development) takes precedence over the properties.
 *
 * <p>A Boot {@link ConnectionDetails}, so {@code @ServiceConnection} on a Testcontainers Redis
 * container and a Redis service in Docker Compose provide it too, as they do for Spring Data Redis.
 */
public interface RedisConnectionDetails extends ConnectionDetails {

    /** Returns the endpoint: a single server, a cluster or a sentinel setup. */
    Endpoint endpoint();

    /** Returns the ACL user, or null. */
    default String username() {
        return null;
    }

    /** Returns the password, or null. */
    default String password() {
        return null;
    }

    /** The endpoint of a Redis deployment. */
    sealed interface Endpoint permits Standalone, Cluster, Sentinel {
    }

    /** A single server. */
    record Standalone(String host, int port, int db) implements Endpoint {
    }

    /** A Redis Cluster, reached through any of its nodes. */
    record Cluster(List<RedisNode> nodes) implements Endpoint {
        /** Copies the nodes. */
        public Cluster {
            nodes = List.copyOf(nodes);
        }
    }

    /** A master and replicas watched by sentinels. */
    record Sentinel(SentinelOptions sentinel, int db) implements Endpoint {
    }
}
