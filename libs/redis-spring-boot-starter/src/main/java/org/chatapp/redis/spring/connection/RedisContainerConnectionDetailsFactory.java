package org.chatapp.redis.spring.connection;

import com.redis.testcontainers.RedisContainer;
import com.redis.testcontainers.RedisStackContainer;
import org.chatapp.redis.spring.RedisConnectionDetails;
import org.testcontainers.containers.Container;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * Provides the starter's {@link RedisConnectionDetails} from a {@code @ServiceConnection}
 * container whose image or connection name is {@code redis}, {@code redis/redis-stack} or
 * {@code redis/redis-stack-server}, or that is a {@link RedisContainer} or
 * {@link RedisStackContainer} of {@code com.redis:testcontainers-redis}: the containers Boot's
 * Spring Data Redis factory accepts. Registered in {@code META-INF/spring.factories}.
 */
final class RedisContainerConnectionDetailsFactory
        extends ContainerConnectionDetailsFactory<Container<?>, RedisConnectionDetails> {

    RedisContainerConnectionDetailsFactory() {
        super(RedisServices.IMAGE_NAMES);
    }

    @Override
    protected boolean sourceAccepts(ContainerConnectionSource<Container<?>> source, Class<?> requiredContainerType,
            Class<?> requiredConnectionDetailsType) {
        // The com.redis classes are only touched when the name does not match; without that library
        // on the classpath the base class catches the NoClassDefFoundError and provides nothing.
        return super.sourceAccepts(source, requiredContainerType, requiredConnectionDetailsType)
                || source.accepts(ANY_CONNECTION_NAME, RedisContainer.class, requiredConnectionDetailsType)
                || source.accepts(ANY_CONNECTION_NAME, RedisStackContainer.class, requiredConnectionDetailsType);
    }

    @Override
    protected RedisConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
        return new ContainerRedisConnectionDetails(source);
    }

    /**
     * A single server at the container's host and the port mapped to 6379. Like Boot's, it sets
     * no user or password: the Redis images start without one unless given a command line.
     */
    static final class ContainerRedisConnectionDetails extends ContainerConnectionDetails<Container<?>>
            implements RedisConnectionDetails {

        ContainerRedisConnectionDetails(ContainerConnectionSource<Container<?>> source) {
            super(source);
        }

        @Override
        public Endpoint endpoint() {
            // Asked when the client is built, not at registration: getContainer() starts the
            // container first if Boot has not started it yet.
            Container<?> container = getContainer();
            return new Standalone(container.getHost(), container.getMappedPort(RedisServices.PORT), 0);
        }

        @Override
        public String toString() {
            // Names the source only: the endpoint would start the container.
            return "ContainerRedisConnectionDetails[" + getOrigin() + "]";
        }
    }
}
