package org.chatapp.redis.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.chatapp.redis.ReadFrom;
import org.chatapp.redis.RedisMode;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.TlsOptions;
import org.chatapp.redis.local.LocalRedis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auto-configuration's mapping, beans and back-off; every endpoint here is a closed local port. */
class ChatappRedisAutoConfigurationTest {

    private static final int CLOSED_PORT = closedPort();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LocalRedisAutoConfiguration.class, ChatappRedisMetricsAutoConfiguration.class,
                    ChatappRedisAutoConfiguration.class, ChatappRedisHealthAutoConfiguration.class))
            .withPropertyValues("chatapp.redis.connect-timeout=500ms");

    private static RedisOptions options(org.springframework.context.ApplicationContext context) {
        return context.getBean(RedisService.class).lettuceClient().options();
    }

    @Test
    void runWhenSpringDataRedisDefinesItsRedisConnectionDetailsShouldKeepBoth() {
        // Spring Data Redis's auto-configuration defines a bean of this name, of a type of its own.
        contextRunner.withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=" + CLOSED_PORT)
                .withBean("redisConnectionDetails", StringBuilder.class, () -> new StringBuilder("Spring Data Redis's"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(RedisConnectionDetails.class);
                    assertThat(context.getBean("redisConnectionDetails")).isInstanceOf(StringBuilder.class);
                });
    }

    @Test
    void runWhenSingleNodePropertiesAreSetShouldMapEachIntoTheOptions() {
        contextRunner.withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=" + CLOSED_PORT,
                "chatapp.redis.db=2", "chatapp.redis.username=chat", "chatapp.redis.password=s3cret",
                "chatapp.redis.key-prefix=chat:", "chatapp.redis.command-timeout=750ms",
                "chatapp.redis.request-queue-size=50", "chatapp.redis.fail-fast-when-disconnected=true",
                "chatapp.redis.client-name=chat-service", "chatapp.redis.spin-wait=0", "chatapp.redis.retry.step=10ms", "chatapp.redis.retry.max=1s",
                "chatapp.redis.tls.enabled=true", "chatapp.redis.tls.verification=ca").run(context -> {
                    RedisOptions options = options(context);
                    assertThat(options.mode()).isEqualTo(RedisMode.STANDALONE);
                    assertThat(options.host()).isEqualTo("127.0.0.1");
                    assertThat(options.port()).isEqualTo(CLOSED_PORT);
                    assertThat(options.db()).isEqualTo(2);
                    assertThat(options.username()).isEqualTo("chat");
                    assertThat(options.password()).isEqualTo("s3cret");
                    assertThat(options.keyPrefix()).isEqualTo("chat:");
                    assertThat(options.connectTimeout()).isEqualTo(Duration.ofMillis(500));
                    assertThat(options.commandTimeout()).isEqualTo(Duration.ofMillis(750));
                    assertThat(options.requestQueueSize()).isEqualTo(50);
                    assertThat(options.failFastWhenDisconnected()).isTrue();
                    assertThat(options.clientName()).isEqualTo("chat-service");
                    assertThat(options.spinWait()).isZero();
                    assertThat(options.reconnectPolicy().delay(3)).isEqualTo(Duration.ofMillis(30));
                    assertThat(options.reconnectPolicy().delay(1000)).isEqualTo(Duration.ofSeconds(1));
                    assertThat(options.tls().verification()).isEqualTo(TlsOptions.Verification.CA);
                    assertThat(context).doesNotHaveBean(LocalRedisAutoConfiguration.LocalRedisServer.class);
                });
    }

    @Test
    void runWhenClusterPropertiesAreSetShouldMapThemIntoClusterOptions() {
        contextRunner.withPropertyValues("chatapp.redis.nodes=127.0.0.1:" + CLOSED_PORT + ",127.0.0.1:" + (CLOSED_PORT + 1),
                "chatapp.redis.cluster.refresh-period=10s", "chatapp.redis.cluster.adaptive-refresh=false",
                "chatapp.redis.cluster.adaptive-refresh-timeout=3s", "chatapp.redis.cluster.max-redirects=2",
                "chatapp.redis.cluster.read-from=replica-preferred").run(context -> {
                    RedisOptions options = options(context);
                    assertThat(options.mode()).isEqualTo(RedisMode.CLUSTER);
                    assertThat(options.nodes()).containsExactly(new RedisNode("127.0.0.1", CLOSED_PORT),
                            new RedisNode("127.0.0.1", CLOSED_PORT + 1));
                    assertThat(options.clusterOptions().topologyRefreshPeriod()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(options.clusterOptions().adaptiveRefresh()).isFalse();
                    assertThat(options.clusterOptions().adaptiveRefreshTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(options.clusterOptions().maxRedirects()).isEqualTo(2);
                    assertThat(options.readFrom()).isEqualTo(ReadFrom.REPLICA_PREFERRED);
                });
    }

    @Test
    void runWhenSentinelPropertiesAreSetShouldMapThemIntoSentinelOptions() {
        contextRunner.withPropertyValues("chatapp.redis.sentinel.master=mymaster",
                "chatapp.redis.sentinel.nodes=127.0.0.1:" + CLOSED_PORT, "chatapp.redis.sentinel.password=sentinel-pw",
                "chatapp.redis.sentinel.read-from=replica", "chatapp.redis.db=1").run(context -> {
                    RedisOptions options = options(context);
                    assertThat(options.mode()).isEqualTo(RedisMode.SENTINEL);
                    assertThat(options.sentinel().master()).isEqualTo("mymaster");
                    assertThat(options.sentinel().nodes()).containsExactly(new RedisNode("127.0.0.1", CLOSED_PORT));
                    assertThat(options.sentinel().password()).isEqualTo("sentinel-pw");
                    assertThat(options.readFrom()).isEqualTo(ReadFrom.REPLICA);
                    assertThat(options.db()).isEqualTo(1);
                });
    }

    @Test
    void runWhenNamedClientsAreSetShouldInheritCommonSettingsAndBeInjectableByQualifier() {
        contextRunner.withUserConfiguration(NamedClientUser.class)
                .withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=" + CLOSED_PORT,
                        "chatapp.redis.command-timeout=900ms", "chatapp.redis.password=common-pw",
                        "chatapp.redis.clients.chat.key-prefix=chat:",
                        "chatapp.redis.clients.sessions.key-prefix=sess:", "chatapp.redis.clients.sessions.port=" + (CLOSED_PORT + 1),
                        "chatapp.redis.clients.sessions.command-timeout=300ms")
                .run(context -> {
                    assertThat(context).hasSingleBean(NamedClientUser.class);
                    assertThat(context.getBeansOfType(RedisService.class)).containsOnlyKeys("redisService", "chatRedisService", "sessionsRedisService");
                    RedisOptions chat = context.getBean(NamedClientUser.class).chat.lettuceClient().options();
                    assertThat(chat.keyPrefix()).isEqualTo("chat:");
                    assertThat(chat.port()).isEqualTo(CLOSED_PORT);
                    assertThat(chat.commandTimeout()).isEqualTo(Duration.ofMillis(900));
                    assertThat(chat.password()).isEqualTo("common-pw");
                    RedisOptions sessions = context.getBean("sessionsRedisService", RedisService.class).lettuceClient().options();
                    assertThat(sessions.port()).isEqualTo(CLOSED_PORT + 1);
                    assertThat(sessions.host()).isEqualTo("127.0.0.1");
                    assertThat(sessions.commandTimeout()).isEqualTo(Duration.ofMillis(300));
                    assertThat(sessions.password()).isEqualTo("common-pw");
                    assertThat(options(context).keyPrefix()).isEmpty();
                    assertThat(context).hasBean("redis-chatHealthIndicator").hasBean("redis-sessionsHealthIndicator")
                            .hasBean("chatRedisHealthCheck").hasBean("sessionsRedisHealthCheck");
                });
    }

    @Test
    void runWithCustomizersShouldApplyThemToResourcesAndOptionsOfEveryClient() {
        java.util.List<String> customized = new java.util.concurrent.CopyOnWriteArrayList<>();
        RedisClientCustomizer customizer = new RedisClientCustomizer() {
            @Override
            public void customizeResources(String clientName, io.lettuce.core.resource.ClientResources.Builder resources) {
                customized.add("resources:" + clientName);
                resources.ioThreadPoolSize(3);
            }

            @Override
            public void customizeOptions(String clientName, io.lettuce.core.ClientOptions.Builder options) {
                customized.add("options:" + clientName);
                options.pingBeforeActivateConnection(false);
            }
        };
        contextRunner.withBean(RedisClientCustomizer.class, () -> customizer)
                .withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=" + CLOSED_PORT,
                        "chatapp.redis.clients.chat.key-prefix=chat:").run(context -> {
                    context.getBean("chatRedisService");
                    var lettuce = context.getBean(RedisService.class).lettuceClient().unwrap();
                    assertThat(lettuce.getResources().ioThreadPoolSize()).isEqualTo(3);
                    assertThat(lettuce.getOptions().isPingBeforeActivateConnection()).isFalse();
                    assertThat(customized).contains("resources:default", "options:default", "resources:chat", "options:chat");
                });
    }

    @Test
    void runWhenANamedClientSetsOnlyItsDatabaseShouldUseTheCommonEndpointWithThatDatabase() {
        contextRunner.withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=" + CLOSED_PORT, "chatapp.redis.db=1",
                "chatapp.redis.clients.cache.db=5").run(context -> {
                    RedisOptions cache = context.getBean("cacheRedisService", RedisService.class).lettuceClient().options();
                    assertThat(cache.host()).isEqualTo("127.0.0.1");
                    assertThat(cache.port()).isEqualTo(CLOSED_PORT);
                    assertThat(cache.db()).isEqualTo(5);
                    assertThat(options(context).db()).isEqualTo(1);
                });
    }

    @Test
    void runWhenANamedClientNamesOtherSentinelsShouldInheritTheSentinelCredentials() {
        contextRunner.withPropertyValues("chatapp.redis.sentinel.master=mymaster", "chatapp.redis.sentinel.nodes=127.0.0.1:" + CLOSED_PORT,
                "chatapp.redis.sentinel.password=sentinel-pw", "chatapp.redis.clients.other.sentinel.nodes=127.0.0.1:" + (CLOSED_PORT + 1))
                .run(context -> {
                    RedisOptions other = context.getBean("otherRedisService", RedisService.class).lettuceClient().options();
                    assertThat(other.sentinel().master()).isEqualTo("mymaster");
                    assertThat(other.sentinel().nodes()).containsExactly(new RedisNode("127.0.0.1", CLOSED_PORT + 1));
                    assertThat(other.sentinel().password()).isEqualTo("sentinel-pw");
                });
    }

    @Test
    void runWithoutActuatorShouldStillProvideTheFrameworkFreeHealthCheck() {
        contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=" + CLOSED_PORT)
                .run(context -> assertThat(context).hasSingleBean(org.chatapp.redis.health.RedisHealthIndicator.class));
    }

    @Test
    void runWhenUserDefinesRedisServiceShouldNotStartALocalRedis() {
        contextRunner.withUserConfiguration(UserRedisService.class)
                .run(context -> assertThat(context).doesNotHaveBean(LocalRedisAutoConfiguration.LocalRedisServer.class));
    }

    @Test
    void runWithAUserServiceWithoutPrimaryAndNamedClientsShouldKeepUnqualifiedInjectionWorking() {
        contextRunner.withUserConfiguration(UserRedisService.class, UnqualifiedUser.class)
                .withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=" + CLOSED_PORT,
                        "chatapp.redis.clients.audit.key-prefix=audit:").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(UnqualifiedUser.class).redis.keyPrefix()).isEqualTo("user-defined:");
                    assertThat(context).hasBean("auditRedisService").hasBean("auditRedisHealthCheck");
                    assertThat(context).hasBean("redisHealthCheck");
                });
    }

    @Test
    void runWhenTheUserDefinesANamedServiceShouldStillGiveItAHealthCheck() {
        contextRunner.withBean("auditRedisService", RedisService.class,
                        () -> RedisService.create(RedisOptions.builder().host("127.0.0.1").port(CLOSED_PORT).keyPrefix("mine:").build()))
                .withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=" + CLOSED_PORT,
                        "chatapp.redis.clients.audit.key-prefix=audit:").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean("auditRedisService", RedisService.class).keyPrefix()).isEqualTo("mine:");
                    assertThat(context).hasBean("auditRedisHealthCheck").hasBean("redis-auditHealthIndicator");
                });
    }

    @Test
    void runWhenANamedClientIsCalledDefaultShouldFailNamingTheProperty() {
        contextRunner.withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=" + CLOSED_PORT,
                "chatapp.redis.clients.default.key-prefix=x:").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(new RedisFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                            .contains("chatapp.redis.clients.default");
                });
    }

    @Test
    void runWhenUserDefinesRedisServiceShouldBackOff() {
        contextRunner.withUserConfiguration(UserRedisService.class).withPropertyValues("chatapp.redis.host=127.0.0.1",
                "chatapp.redis.port=" + CLOSED_PORT).run(context -> {
                    assertThat(context).hasSingleBean(RedisService.class);
                    assertThat(context.getBean(RedisService.class).keyPrefix()).isEqualTo("user-defined:");
                });
    }

    @Test
    void runWhenUserDefinesConnectionDetailsShouldUseThemOverProperties() {
        contextRunner.withBean(RedisConnectionDetails.class, () -> () -> new RedisConnectionDetails.Standalone("127.0.0.1", CLOSED_PORT, 3))
                .withPropertyValues("chatapp.redis.key-prefix=x:").run(context -> {
                    RedisOptions options = options(context);
                    assertThat(options.port()).isEqualTo(CLOSED_PORT);
                    assertThat(options.db()).isEqualTo(3);
                    assertThat(options.keyPrefix()).isEqualTo("x:");
                    assertThat(context).doesNotHaveBean(LocalRedisAutoConfiguration.LocalRedisServer.class);
                });
    }

    @Test
    void runWhenUserDefinesHealthIndicatorShouldBackOff() {
        contextRunner.withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=" + CLOSED_PORT)
                .withBean("redisHealthIndicator", HealthIndicator.class, () -> () -> null)
                .run(context -> assertThat(context).doesNotHaveBean(ChatappRedisHealthIndicator.class));
    }

    @Test
    void runWithoutActuatorShouldStillProvideTheService() {
        contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=" + CLOSED_PORT).run(context -> {
                    assertThat(context).hasSingleBean(RedisService.class);
                    assertThat(context).doesNotHaveBean(ChatappRedisHealthIndicator.class);
                });
    }

    @Test
    void runWithoutMicrometerShouldStillProvideTheService() {
        contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=" + CLOSED_PORT).run(context -> {
                    assertThat(context).hasSingleBean(RedisService.class);
                    assertThat(context).doesNotHaveBean(RedisMetrics.class);
                });
    }

    @Test
    void runWithMicrometerShouldRegisterConnectionCountersPerClient() {
        contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=" + CLOSED_PORT,
                        "chatapp.redis.clients.chat.key-prefix=chat:").run(context -> {
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    context.getBean("chatRedisService");
                    assertThat(meters.find(RedisMetrics.RECONNECTS).tag("client", "default").counter()).isNotNull();
                    assertThat(meters.find(RedisMetrics.TOPOLOGY_CHANGES).tag("client", "chat").counter()).isNotNull();
                });
    }

    @Test
    void runWithoutRedisLocalOnTheClasspathShouldNotStartALocalRedis() {
        // No endpoint is configured; the user's own service keeps the test off any real port.
        contextRunner.withClassLoader(new FilteredClassLoader(LocalRedis.class)).withUserConfiguration(UserRedisService.class)
                .run(context -> assertThat(context).doesNotHaveBean(LocalRedisAutoConfiguration.LocalRedisServer.class));
    }

    @Test
    void runWithAProductionProfileShouldNotStartALocalRedis() {
        contextRunner.withUserConfiguration(UserRedisService.class)
                .withInitializer(context -> context.getEnvironment().setActiveProfiles("prod"))
                .run(context -> assertThat(context).doesNotHaveBean(LocalRedisAutoConfiguration.LocalRedisServer.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class NamedClientUser {
        final RedisService chat;

        NamedClientUser(@Qualifier("chat") RedisService chat) {
            this.chat = chat;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UnqualifiedUser {
        final RedisService redis;

        UnqualifiedUser(RedisService redis) {
            this.redis = redis;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserRedisService {
        @Bean(destroyMethod = "close")
        RedisService myRedis() {
            return RedisService.create(RedisOptions.builder().host("127.0.0.1").port(CLOSED_PORT).keyPrefix("user-defined:").build());
        }
    }

    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
