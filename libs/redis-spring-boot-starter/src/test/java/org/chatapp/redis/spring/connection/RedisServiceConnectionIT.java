package org.chatapp.redis.spring.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.spring.LocalRedisAutoConfiguration;
import org.chatapp.redis.spring.RedisConnectionDetails;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.docker.compose.service.connection.TestDockerComposeConnectionSources;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.testcontainers.context.ImportTestcontainers;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

/**
 * A service connection configures a working {@link RedisService}: the details Boot resolves from a
 * {@code @ServiceConnection} container and from a Docker Compose service point at a real
 * redis-server, and the starter's client reads and writes it. No Docker engine runs here, so the
 * container is never started and the Compose service never run: both report the address of a
 * redis-server started by {@code chatapp-redis-local} (see {@link NeverStartedContainers}).
 * The development default is in the context too, and must step aside: every write is read back
 * from this server directly, not only through the client.
 */
class RedisServiceConnectionIT {

    private static LocalRedisStandalone server;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceConnectionAutoConfiguration.class,
                    LocalRedisAutoConfiguration.class, ChatappRedisAutoConfiguration.class));

    @BeforeAll
    static void startRedis() {
        server = LocalRedis.standalone().start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @Test
    void serviceConnection_genericContainerNamedRedis_redisServiceWritesToItsServer() {
        contextRunner.withUserConfiguration(GenericContainerNamedRedis.class)
                .run(context -> assertWritesReachTheServer(context, "sc-generic:greeting"));
    }

    @Test
    void serviceConnection_containerOfRedisImage_redisServiceWritesToItsServer() {
        ImageNamedContainer.container = NeverStartedContainers.generic("redis:7.4", server.host(), server.port());

        contextRunner.withUserConfiguration(ImageNamedContainer.class)
                .run(context -> assertWritesReachTheServer(context, "sc-image:greeting"));
    }

    @Test
    void dockerCompose_redisService_redisServiceWritesToItsServer() {
        PublishedRunningService service = new PublishedRunningService("redis", "redis:7.4", server.host(), server.port(),
                Map.of());
        Map<Class<?>, ConnectionDetails> resolved = new ConnectionDetailsFactories(getClass().getClassLoader())
                .getConnectionDetails(TestDockerComposeConnectionSources.of(service, new MockEnvironment()), true);
        RedisConnectionDetails details = (RedisConnectionDetails) resolved.get(RedisConnectionDetails.class);

        // Registered as Boot's Docker Compose support registers what the factories return: a bean.
        contextRunner.withBean(RedisConnectionDetails.class, () -> details)
                .run(context -> assertWritesReachTheServer(context, "compose:greeting"));
    }

    private static void assertWritesReachTheServer(AssertableApplicationContext context, String key) {
        assertThat(context).doesNotHaveBean("chatappLocalRedis");
        RedisService redis = context.getBean(RedisService.class);

        redis.set(key, "hello");

        assertThat(redis.get(key)).contains("hello");
        assertThat(server.node().command("GET", key)).isEqualTo("hello");
    }

    @Configuration(proxyBeanMethods = false)
    static class GenericContainerNamedRedis {
        @Bean
        @ServiceConnection(name = "redis")
        GenericContainer<?> cache() {
            return NeverStartedContainers.generic("registry.example.com/team/cache:1", server.host(), server.port());
        }
    }

    /** A container imported as a field, so Boot matches it by its image name. */
    @ImportTestcontainers
    static class ImageNamedContainer {
        // Set by the test before its context starts, once the server's port is known.
        @ServiceConnection
        static Container<?> container;
    }
}
