package org.chatapp.redis.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A bad value stops the application with an analysis that names the property and what is allowed. */
class RedisFailureAnalyzerTest {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LocalRedisAutoConfiguration.class, ChatappRedisAutoConfiguration.class))
            .withPropertyValues("chatapp.redis.local.enabled=false", "chatapp.redis.connect-timeout=200ms");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "chatapp.redis.nodes=127.0.0.1:7000;chatapp.redis.db=3 | chatapp.redis.db | db must be 0 with cluster nodes",
            "chatapp.redis.host=127.0.0.1;chatapp.redis.port=70000 | chatapp.redis.port | port must be between 1 and 65535, was 70000",
            "chatapp.redis.nodes=redis-without-port | chatapp.redis.nodes | node address must be host:port, was 'redis-without-port'",
            "chatapp.redis.host=127.0.0.1;chatapp.redis.port=1;chatapp.redis.key-prefix={chat}: | chatapp.redis.key-prefix | keyPrefix must not contain",
            "chatapp.redis.host=127.0.0.1;chatapp.redis.port=1;chatapp.redis.command-timeout=0s | chatapp.redis.command-timeout | commandTimeout must be a positive duration, was PT0S",
            "chatapp.redis.host=127.0.0.1;chatapp.redis.nodes=127.0.0.1:7000 | chatapp.redis.host | must not be set together with nodes",
            "chatapp.redis.host=127.0.0.1;chatapp.redis.port=1;chatapp.redis.cluster.max-redirects=-1 | chatapp.redis.cluster.max-redirects | clusterOptions.maxRedirects must be 0 or more",
            "chatapp.redis.host=127.0.0.1;chatapp.redis.port=1;chatapp.redis.clients.chat.port=0 | chatapp.redis.clients.chat.port | port must be between 1 and 65535, was 0",
            "chatapp.redis.sentinel.nodes=127.0.0.1:26379 | chatapp.redis.sentinel.master | sentinel.master must not be empty",
            "chatapp.redis.nodes=127.0.0.1:7000,127.0.0.1:0 | chatapp.redis.nodes | nodes[1] port must be between 1 and 65535, was 0",
            "chatapp.redis.sentinel.master=m;chatapp.redis.sentinel.nodes=s:1,s | chatapp.redis.sentinel.nodes | sentinel.nodes[1] node address must be host:port",
            "chatapp.redis.host=127.0.0.1;chatapp.redis.port=1;chatapp.redis.cluster.read-from=replica | chatapp.redis.cluster.read-from | cluster.readFrom REPLICA applies to a cluster only",
            "chatapp.redis.nodes=127.0.0.1:7000;chatapp.redis.sentinel.read-from=replica | chatapp.redis.sentinel.read-from | sentinel.readFrom REPLICA applies to a sentinel setup only",
            "chatapp.redis.host=127.0.0.1;chatapp.redis.port=1;chatapp.redis.spin-wait=5ms | chatapp.redis.spin-wait | spinWait must be between 0 and PT0.001S, was PT0.005S",
            "chatapp.redis.host=127.0.0.1;chatapp.redis.port=1;chatapp.redis.retry.jitter=2 | chatapp.redis.retry.jitter | reconnect jitter must be between 0 and 1",
            "chatapp.redis.host=127.0.0.1;chatapp.redis.port=1;chatapp.redis.health.timeout=0s | chatapp.redis.health.timeout | health timeout must be a positive duration",
            "chatapp.redis.host=redis://u:pw-in-url@h | chatapp.redis.host | host must be a host name or IP address, not a URL with credentials",
            "chatapp.redis.nodes=127.0.0.1:7000;chatapp.redis.clients.x.port=7001 | chatapp.redis.clients.x.host | host must be set for a named client"})
    void runWithAnInvalidValueShouldFailNamingTheProperty(String properties, String property, String reason) {
        contextRunner.withPropertyValues(properties.strip().split(";")).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new RedisFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
            assertThat(analysis.getDescription()).contains(reason.strip()).contains("property " + property.strip() + ")");
            assertThat(analysis.getAction()).contains(property.strip());
        });
    }

    @Test
    void runWithAnInvalidPasswordSettingShouldNeverShowThePassword() {
        contextRunner.withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=0", "chatapp.redis.password=hunter2-secret")
                .run(context -> {
                    FailureAnalysis analysis = new RedisFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("hunter2-secret");
                });
    }
}
