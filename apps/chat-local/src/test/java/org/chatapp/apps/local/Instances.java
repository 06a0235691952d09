package org.chatapp.apps.local;

import java.util.stream.Stream;

/** Starting more platform instances beside a first one, as a multi-instance deployment runs them. */
final class Instances {

    private Instances() {
    }

    /**
     * The arguments of an instance that shares the first one's Redis Cluster and database (the
     * first one's own local Redis and embedded PostgreSQL), followed by its own.
     */
    static String[] sharing(ChatLocal first, String... own) {
        return Stream.concat(Stream.of(own), Stream.of("--chatapp.redis.local.enabled=false", "--chatapp.redis.nodes=" + first.redisNodes(),
                "--spring.datasource.url=" + first.jdbcUrl(), "--spring.datasource.username=" + first.jdbcUser())).toArray(String[]::new);
    }

    /** Closes what was started, last first; null for what did not start. */
    static void closeAll(AutoCloseable... started) throws Exception {
        for (int i = started.length - 1; i >= 0; i--) {
            if (started[i] != null) {
                started[i].close();
            }
        }
    }
}
