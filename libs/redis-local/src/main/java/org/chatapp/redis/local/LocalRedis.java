package org.chatapp.redis.local;

/**
 * Starts local Redis setups for development and tests: a standalone server, a cluster, or a
 * master and replica watched by sentinels.
 *
 * <pre>{@code
 * try (LocalRedisCluster cluster = LocalRedis.cluster().nodeTimeout(Duration.ofSeconds(2)).start()) {
 *     connect(cluster.seedAddresses());
 * }
 * }</pre>
 */
public final class LocalRedis {

    private LocalRedis() {
    }

    /** Returns a builder for one standalone redis-server. */
    public static LocalRedisStandalone.Builder standalone() {
        return new LocalRedisStandalone.Builder();
    }

    /** Returns a builder for a cluster, by default 3 masters with 1 replica each. */
    public static LocalRedisCluster.Builder cluster() {
        return new LocalRedisCluster.Builder();
    }

    /** Returns a builder for a master, a replica and, by default, 3 sentinels watching them. */
    public static LocalRedisSentinel.Builder sentinel() {
        return new LocalRedisSentinel.Builder();
    }
}
