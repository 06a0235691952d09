package org.chatapp.redis.spring.connection;

import com.redis.testcontainers.RedisContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers containers that are never started. No Docker engine runs where these tests do, so
 * each answers what Boot's service connection support asks of a started container (its image
 * name, host and the port mapped to 6379) with the address of a redis-server started by
 * {@code chatapp-redis-local}, or an address a test makes up, and reports itself running so that
 * Boot does not try to start it. Where there is a container runtime, the application in
 * {@code src/it/boot-4.0-parent} runs a real one ({@code RedisContainerTest}).
 */
final class NeverStartedContainers {

    private NeverStartedContainers() {
    }

    /** A plain container of that image whose port 6379 is published at host:port. */
    static GenericContainer<?> generic(String image, String host, int port) {
        return new Generic(new Published(image, host, port));
    }

    /** Redis's own {@link RedisContainer} of that image whose port 6379 is published at host:port. */
    static RedisContainer redis(String image, String host, int port) {
        return new Redis(new Published(image, host, port));
    }

    /** Where the never-started container claims to be. */
    private record Published(String image, String host, int port) {

        int mappedPort(int containerPort) {
            if (containerPort != RedisServices.PORT) {
                throw new IllegalArgumentException("only 6379 is published, not " + containerPort);
            }
            return port;
        }
    }

    private static final class Generic extends GenericContainer<Generic> {
        private final Published published;

        Generic(Published published) {
            super(DockerImageName.parse(published.image()));
            this.published = published;
            withExposedPorts(RedisServices.PORT);
        }

        @Override
        public String getDockerImageName() {
            // The real one resolves the image through Docker.
            return published.image();
        }

        @Override
        public String getHost() {
            return published.host();
        }

        @Override
        public Integer getMappedPort(int originalPort) {
            return published.mappedPort(originalPort);
        }

        @Override
        public boolean isRunning() {
            return true;
        }

        @Override
        public void start() {
            throw new UnsupportedOperationException("never started: there is no Docker engine here");
        }

        @Override
        public void stop() {
            // Nothing was started; the test owns the redis-server.
        }
    }

    private static final class Redis extends RedisContainer {
        private final Published published;

        Redis(Published published) {
            super(DockerImageName.parse(published.image()));
            this.published = published;
        }

        @Override
        public String getDockerImageName() {
            return published.image();
        }

        @Override
        public String getHost() {
            return published.host();
        }

        @Override
        public Integer getMappedPort(int originalPort) {
            return published.mappedPort(originalPort);
        }

        @Override
        public boolean isRunning() {
            return true;
        }

        @Override
        public void start() {
            throw new UnsupportedOperationException("never started: there is no Docker engine here");
        }

        @Override
        public void stop() {
            // Nothing was started; the test owns the redis-server.
        }
    }
}
