package org.chatapp.redis.local;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running standalone redis-server; closing it kills the process and deletes its directory. */
public final class LocalRedisStandalone implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalRedisStandalone.class);

    private final NodeGroup group;
    private final LocalRedisNode node;

    private LocalRedisStandalone(NodeGroup group, LocalRedisNode node) {
        this.group = group;
        this.node = node;
    }

    /** Returns the server's process. */
    public LocalRedisNode node() {
        return node;
    }

    /** Returns the host the server listens on, always {@code 127.0.0.1}. */
    public String host() {
        return node.host();
    }

    /** Returns the port the server listens on. */
    public int port() {
        return node.port();
    }

    /** Kills the server and deletes its directory; calling it again does nothing. */
    @Override
    public void close() {
        group.close();
    }

    @Override
    public String toString() {
        return "LocalRedisStandalone[" + node.address() + "]";
    }

    /** Configures and starts a {@link LocalRedisStandalone}; get one from {@link LocalRedis#standalone()}. */
    public static final class Builder extends LocalRedisBuilder<Builder> {

        private int port;

        Builder() {
        }

        /** Sets the port to listen on; by default a free one is picked. */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be between 1 and 65535 but was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Starts the server and waits until it answers {@code PING}.
         *
         * @throws LocalRedisException if it does not start in time, with the end of its log
         * @throws IllegalStateException if no redis-server binary can be found
         */
        public LocalRedisStandalone start() {
            long started = System.nanoTime();
            RedisServerBinary binary = options.resolveBinary();
            NodeGroup group = NodeGroup.create("standalone");
            try {
                LocalRedisNode node = group.start(options.dataNode("node-1", group.directory(), binary,
                        NodeSpec.Role.DATA, port, options.dataNodeConfig(new ServerConfig())));
                log.info("Redis standalone ready in {} at {} ({})",
                        Polling.describe(Duration.ofNanos(System.nanoTime() - started)), node.address(), binary.describe());
                return new LocalRedisStandalone(group, node);
            } catch (RuntimeException e) {
                group.closeAfterFailure(e);
                throw e;
            }
        }
    }
}
