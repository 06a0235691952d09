package org.chatapp.redis.local;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything needed to start one node and to start it again later.
 *
 * @param name a short name for logs and the node's directory, e.g. {@code node-3} or {@code sentinel-1}
 * @param fixedPort the port to use, or 0 to pick a free one (and a new one if it is taken meanwhile)
 * @param roleConfig the config lines after the base ones (port, bind, dir, logfile)
 * @param credentials what a client authenticates with on this node
 */
record NodeSpec(String name, Path directory, RedisServerBinary binary, Role role, int fixedPort,
        ServerConfig roleConfig, Credentials credentials, Duration startupTimeout) {

    /** What kind of process a node is, which decides its ports and command line. */
    enum Role {
        DATA, CLUSTER, SENTINEL;

        boolean needsClusterBus() {
            return this == CLUSTER;
        }

        String configFileName() {
            return this == SENTINEL ? "sentinel.conf" : "redis.conf";
        }
    }
}
