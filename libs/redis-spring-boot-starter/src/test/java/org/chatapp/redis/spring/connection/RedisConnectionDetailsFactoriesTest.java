package org.chatapp.redis.spring.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.chatapp.redis.spring.RedisConnectionDetails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import com.redis.testcontainers.RedisContainer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsNotFoundException;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.TestDockerComposeConnectionSources;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.testcontainers.context.ImportTestcontainers;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

/**
 * Which containers and Compose services the factories accept, and the details they give, resolved
 * the way Boot resolves them: {@link ServiceConnectionAutoConfiguration} for containers and
 * {@link ConnectionDetailsFactories} for Compose services, both of which load the factories from
 * {@code spring.factories}. Nothing connects here: the address is made up and never dialled;
 * {@link RedisServiceConnectionIT} connects to a real redis-server.
 */
class RedisConnectionDetailsFactoriesTest {

    private static final String HOST = "redis.example.invalid";
    private static final int PORT = 16379;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceConnectionAutoConfiguration.class));

    @Test
    void springFactories_listsBothFactories_underBootsConnectionDetailsFactoryKey() {
        @SuppressWarnings("rawtypes")
        List<ConnectionDetailsFactory> factories = SpringFactoriesLoader
                .forDefaultResourceLocation(getClass().getClassLoader()).load(ConnectionDetailsFactory.class);

        assertThat(factories).hasAtLeastOneElementOfType(RedisContainerConnectionDetailsFactory.class)
                .hasAtLeastOneElementOfType(RedisDockerComposeConnectionDetailsFactory.class);
    }

    @Test
    void serviceConnection_genericContainerNamedRedis_givesStandaloneAtMappedPort() {
        contextRunner.withUserConfiguration(GenericContainerNamedRedis.class).run(context -> {
            RedisConnectionDetails details = context.getBean(RedisConnectionDetails.class);
            assertThat(details.endpoint()).isEqualTo(new RedisConnectionDetails.Standalone(HOST, PORT, 0));
            assertThat(details.username()).isNull();
            assertThat(details.password()).isNull();
        });
    }

    @Test
    void serviceConnection_redisContainerType_givesDetailsWithoutAName() {
        contextRunner.withUserConfiguration(RedisContainerWithoutName.class).run(context -> assertThat(
                context.getBean(RedisConnectionDetails.class).endpoint())
                .isEqualTo(new RedisConnectionDetails.Standalone(HOST, PORT, 0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis:7.4", "redis/redis-stack:7.4.0-v3", "redis/redis-stack-server:7.4.0-v3",
            "registry.example.com/redis:7.4"})
    void serviceConnection_containerOfRedisImage_givesDetails(String image) {
        ImageNamedContainer.container = NeverStartedContainers.generic(image, HOST, PORT);

        contextRunner.withUserConfiguration(ImageNamedContainer.class).run(context -> assertThat(
                context.getBean(RedisConnectionDetails.class).endpoint())
                .isEqualTo(new RedisConnectionDetails.Standalone(HOST, PORT, 0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres:17", "bitnami/redis:7.4", "valkey/valkey:8"})
    void serviceConnection_containerOfOtherImage_failsAsNoFactoryAcceptsIt(String image) {
        ImageNamedContainer.container = NeverStartedContainers.generic(image, HOST, PORT);

        contextRunner.withUserConfiguration(ImageNamedContainer.class).run(context -> assertThat(context)
                .getFailure().isInstanceOf(ConnectionDetailsNotFoundException.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis:7.4", "redis/redis-stack:7.4.0-v3", "redis/redis-stack-server:7.4.0-v3",
            "docker.io/library/redis:latest", "registry.example.com/library/redis:7.4"})
    void dockerCompose_serviceOfRedisImage_givesStandaloneAtPublishedPort(String image) {
        Map<Class<?>, ConnectionDetails> details = composeDetails(
                new PublishedRunningService("cache", image, HOST, PORT, Map.of()));

        assertThat(details).containsOnlyKeys(RedisConnectionDetails.class);
        RedisConnectionDetails redis = (RedisConnectionDetails) details.get(RedisConnectionDetails.class);
        assertThat(redis.endpoint()).isEqualTo(new RedisConnectionDetails.Standalone(HOST, PORT, 0));
        assertThat(redis.username()).isNull();
        assertThat(redis.password()).isNull();
    }

    @Test
    void dockerCompose_serviceLabelledRedis_givesDetailsWhateverItsImage() {
        Map<Class<?>, ConnectionDetails> details = composeDetails(new PublishedRunningService("cache",
                "registry.example.com/team/cache:1", HOST, PORT, Map.of("org.springframework.boot.service-connection", "redis")));

        assertThat(details).containsOnlyKeys(RedisConnectionDetails.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres:17", "bitnami/redis:7.4", "valkey/valkey:8"})
    void dockerCompose_serviceOfOtherImage_givesNoDetails(String image) {
        assertThat(composeDetails(new PublishedRunningService("db", image, HOST, PORT, Map.of()))).isEmpty();
    }

    /** The details Boot's Docker Compose support would register for the service. */
    private Map<Class<?>, ConnectionDetails> composeDetails(RunningService service) {
        return new ConnectionDetailsFactories(getClass().getClassLoader())
                .getConnectionDetails(TestDockerComposeConnectionSources.of(service, new MockEnvironment()), false);
    }

    @Configuration(proxyBeanMethods = false)
    static class GenericContainerNamedRedis {
        @Bean
        @ServiceConnection(name = "redis")
        GenericContainer<?> cache() {
            return NeverStartedContainers.generic("registry.example.com/team/cache:1", HOST, PORT);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RedisContainerWithoutName {
        @Bean
        @ServiceConnection
        RedisContainer cache() {
            return NeverStartedContainers.redis("redis:7.4", HOST, PORT);
        }
    }

    /** A container imported as a field, so Boot knows its image name (a bean method's it does not). */
    @ImportTestcontainers
    static class ImageNamedContainer {
        // Set by each test before its context starts: the image is the parameter.
        @ServiceConnection
        static Container<?> container;
    }
}
