package org.chatapp.redis.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** The starter against real redis-server processes. */
@ExtendWith(LocalRedisExtension.class)
class ChatappRedisStarterIT {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LocalRedisAutoConfiguration.class, ChatappRedisMetricsAutoConfiguration.class,
                    ChatappRedisAutoConfiguration.class, ChatappRedisHealthAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
                    HealthEndpointAutoConfiguration.class))
            .withPropertyValues("management.endpoint.health.show-details=always", "chatapp.redis.health.timeout=1s");

    private static IndicatedHealthDescriptor health(ConfigurableApplicationContext context, String path) {
        HealthDescriptor descriptor = context.getBean(HealthEndpoint.class).healthForPath(path);
        assertThat(descriptor).as("health at %s", path).isInstanceOf(IndicatedHealthDescriptor.class);
        return (IndicatedHealthDescriptor) descriptor;
    }

    @Test
    void standalone_healthUpWithDetails_atRedisAndPerNamedClient(LocalRedisStandalone redis) {
        contextRunner.withPropertyValues("chatapp.redis.host=" + redis.host(), "chatapp.redis.port=" + redis.port(),
                "chatapp.redis.clients.chat.key-prefix=chat:").run(context -> {
                    IndicatedHealthDescriptor health = health(context, "redis");
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("mode", "standalone").containsKeys("version", "latency_ms");
                    assertThat(health(context, "redis-chat").getStatus()).isEqualTo(Status.UP);
                    RedisService chat = context.getBean("chatRedisService", RedisService.class);
                    chat.set("k", "v");
                    assertThat(redis.node().command("GET", "chat:k")).isEqualTo("v");
                });
    }

    @Test
    void shutdown_closesRedisAfterTheBeansUsingIt(LocalRedisStandalone redis) {
        contextRunner.withUserConfiguration(WritesOnShutdown.class)
                .withPropertyValues("chatapp.redis.host=" + redis.host(), "chatapp.redis.port=" + redis.port(),
                        "chatapp.redis.key-prefix=shutdown:").run(context -> assertThat(context).hasNotFailed());

        assertThat(redis.node().command("GET", "shutdown:last-words")).isEqualTo("written while closing");
    }

    @Test
    void micrometer_recordsCommandLatencyPerClient(LocalRedisStandalone redis) {
        contextRunner.withBean(io.micrometer.core.instrument.MeterRegistry.class, io.micrometer.core.instrument.simple.SimpleMeterRegistry::new)
                .withPropertyValues("chatapp.redis.host=" + redis.host(), "chatapp.redis.port=" + redis.port()).run(context -> {
                    context.getBean(RedisService.class).set("metered", "v");
                    var meters = context.getBean(io.micrometer.core.instrument.MeterRegistry.class);
                    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(meters.find("lettuce.command.completion")
                            .tag("client", "default").tag("command", "SET").timer()).isNotNull());
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class WritesOnShutdown implements org.springframework.beans.factory.DisposableBean {
        private final RedisService redis;

        WritesOnShutdown(RedisService redis) {
            this.redis = redis;
        }

        @Override
        public void destroy() {
            redis.set("last-words", "written while closing");
        }
    }

    @Test
    void cluster_healthUpWithClusterDetails(LocalRedisCluster cluster) {
        contextRunner.withPropertyValues("chatapp.redis.nodes=" + cluster.seedAddresses()).run(context -> {
            IndicatedHealthDescriptor health = health(context, "redis");
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("mode", "cluster").containsEntry("cluster_state", "ok")
                    .containsEntry("slots_ok", 16384).containsEntry("slots_fail", 0).containsEntry("masters_reachable", 3);
        });
    }

    @Test
    void serverStopped_healthDownWithinTimeout_upAgainWhenItReturns() {
        try (LocalRedisStandalone redis = LocalRedis.standalone().start()) {
            contextRunner.withPropertyValues("chatapp.redis.host=" + redis.host(), "chatapp.redis.port=" + redis.port()).run(context -> {
                assertThat(health(context, "redis").getStatus()).isEqualTo(Status.UP);

                redis.node().kill();
                long start = System.nanoTime();
                Status down = health(context, "redis").getStatus();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
                assertThat(down).isEqualTo(Status.DOWN);

                redis.node().restart();
                await().atMost(Duration.ofSeconds(15)).until(() -> health(context, "redis").getStatus().equals(Status.UP));
            });
        }
    }

    @Test
    void startedWhileRedisIsDown_becomesHealthyOnceRedisIsUp() {
        int port = ChatappRedisAutoConfigurationTest.closedPort();
        contextRunner.withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=" + port,
                "chatapp.redis.retry.max=200ms").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(health(context, "redis").getStatus()).isEqualTo(Status.DOWN);

                    try (LocalRedisStandalone redis = LocalRedis.standalone().port(port).start()) {
                        await().atMost(Duration.ofSeconds(15)).until(() -> health(context, "redis").getStatus().equals(Status.UP));
                        RedisService service = context.getBean(RedisService.class);
                        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> service.set("late", "ok"));
                        assertThat(service.get("late")).contains("ok");
                    }
                });
    }

    @Test
    void requireAtStartup_redisDown_startupFailsWithAnAnalysis() {
        int port = ChatappRedisAutoConfigurationTest.closedPort();
        contextRunner.withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=" + port,
                "chatapp.redis.require-at-startup=true", "chatapp.redis.password=not-in-the-message").run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new RedisUnavailableFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("could not reach Redis at startup").doesNotContain("not-in-the-message");
                    assertThat(analysis.getAction()).contains("chatapp.redis.require-at-startup=false");
                });
    }

    @Test
    void developmentDefault_startsALocalCluster_joinsReadiness_stopsItOnShutdown_leavingNoProcess() {
        List<RedisNode> nodes;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DevelopmentApp.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of("management.endpoint.health.show-details", "always", "spring.main.banner-mode", "off"))
                .run()) {
            LocalRedisAutoConfiguration.LocalRedisServer server = context.getBean(LocalRedisAutoConfiguration.LocalRedisServer.class);
            nodes = server.nodes();
            assertThat(nodes).hasSize(6);
            RedisService redis = context.getBean(RedisService.class);
            redis.mset(Map.of("a", "1", "b", "2", "c", "3"));
            assertThat(redis.mget("a", "b", "c")).hasSize(3);
            assertThat(health(context, "redis").getDetails()).containsEntry("mode", "cluster");
            assertThat(components(context, "readiness")).contains("readinessState", "redis");
            assertThat(components(context, "liveness")).doesNotContain("redis");
        }
        for (RedisNode node : nodes) {
            assertThat(accepts(node)).as("%s still listening", node).isFalse();
        }
    }

    private static java.util.Set<String> components(ConfigurableApplicationContext context, String group) {
        HealthDescriptor descriptor = context.getBean(HealthEndpoint.class).healthForPath(group);
        assertThat(descriptor).as("health group %s", group).isInstanceOf(CompositeHealthDescriptor.class);
        return ((CompositeHealthDescriptor) descriptor).getComponents().keySet();
    }

    private static boolean accepts(RedisNode node) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(node.host(), node.port()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class DevelopmentApp {
    }
}
