package org.chatapp.redis.spring.connection;

import org.chatapp.redis.spring.RedisConnectionDetails;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;

/**
 * Provides the starter's {@link RedisConnectionDetails} from a Docker Compose service whose image
 * is {@code redis}, {@code redis/redis-stack} or {@code redis/redis-stack-server}, or that is
 * labelled {@code org.springframework.boot.service-connection: redis}: the services Boot's Spring
 * Data Redis factory accepts. Registered in {@code META-INF/spring.factories}.
 */
final class RedisDockerComposeConnectionDetailsFactory
        extends DockerComposeConnectionDetailsFactory<RedisConnectionDetails> {

    RedisDockerComposeConnectionDetailsFactory() {
        super(RedisServices.IMAGE_NAMES.toArray(String[]::new));
    }

    @Override
    protected RedisConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
        return new DockerComposeRedisConnectionDetails(source.getRunningService());
    }

    /**
     * A single server at the service's host and the port published for 6379. Like Boot's, it sets
     * no user or password: the Redis images start without one unless given a command line.
     */
    static final class DockerComposeRedisConnectionDetails extends DockerComposeConnectionDetails
            implements RedisConnectionDetails {

        private final Standalone standalone;

        DockerComposeRedisConnectionDetails(RunningService service) {
            super(service);
            // Read once, as Boot does: the service is already running and its ports are published.
            this.standalone = new Standalone(service.host(), service.ports().get(RedisServices.PORT), 0);
        }

        @Override
        public Endpoint endpoint() {
            return standalone;
        }

        @Override
        public String toString() {
            return "DockerComposeRedisConnectionDetails[" + standalone.host() + ":" + standalone.port() + "]";
        }
    }
}
