package org.chatapp.redis.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.chatapp.redis.InvalidRedisOptionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.configurationprocessor.json.JSONArray;
import org.springframework.boot.configurationprocessor.json.JSONException;
import org.springframework.boot.configurationprocessor.json.JSONObject;
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

    /** A message that starts like another setting's, so that matching messages would name the wrong property. */
    private static final String MISLEADING_MESSAGE = "port must be between 1 and 65535, says a message about another setting";

    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource(delimiter = '|', value = {
            "clusterOptions.maxRedirects | chatapp.redis | chatapp.redis.cluster.max-redirects",
            "clusterOptions.topologyRefreshPeriod | chatapp.redis | chatapp.redis.cluster.refresh-period",
            "nodes[1] | chatapp.redis | chatapp.redis.nodes",
            "nodes[1] | chatapp.redis.clients.chat | chatapp.redis.clients.chat.nodes",
            "sentinel.nodes[0] | chatapp.redis | chatapp.redis.sentinel.nodes",
            "tls.trustedCertificates | chatapp.redis.clients.chat | chatapp.redis.clients.chat.tls.trusted-certificates",
            "reconnectPolicy.jitter | chatapp.redis | chatapp.redis.retry.jitter",
            "keyPrefix | chatapp.redis.clients.sessions | chatapp.redis.clients.sessions.key-prefix",
            "db | chatapp.redis | chatapp.redis.db"})
    void analyzeWhenTheLibraryNamesASettingShouldNameItsPropertyWhateverTheMessage(String setting, String prefix, String property) {
        InvalidRedisPropertiesException failure = catchThrowableOfType(InvalidRedisPropertiesException.class,
                () -> RedisOptionsMapper.guard(prefix, () -> {
                    throw new InvalidRedisOptionException(setting, MISLEADING_MESSAGE);
                }));

        FailureAnalysis analysis = new RedisFailureAnalyzer().analyze(failure);

        assertThat(failure.property()).isEqualTo(property);
        assertThat(analysis.getDescription()).contains("(property " + property + ")");
        assertThat(analysis.getAction()).startsWith("Update " + property + " ");
    }

    /** Every setting of the library that a property sets, as the library names it in its exceptions. */
    @ParameterizedTest
    @ValueSource(strings = {"host", "port", "db", "username", "password", "keyPrefix", "connectTimeout", "commandTimeout",
            "requestQueueSize", "clientName", "spinWait", "nodes", "nodes[2]", "sentinel.master", "sentinel.nodes", "sentinel.nodes[0]",
            "sentinel.username", "sentinel.password", "tls.verification", "tls.trustedCertificates", "tls.clientCertificate",
            "tls.clientKey", "clusterOptions.topologyRefreshPeriod", "clusterOptions.adaptiveRefreshTimeout",
            "clusterOptions.maxRedirects", "reconnectPolicy.step", "reconnectPolicy.max", "reconnectPolicy.jitter"})
    void propertyOfALibrarySettingShouldBeADeclaredProperty(String setting) {
        String property = ChatappRedisProperties.PREFIX + "." + RedisOptionsMapper.propertyOf(setting);

        assertThat(declaredProperties()).contains(property);
    }

    private static List<String> declaredProperties() {
        try (InputStream json = RedisFailureAnalyzerTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            JSONArray properties = new JSONObject(new String(json.readAllBytes(), StandardCharsets.UTF_8)).getJSONArray("properties");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < properties.length(); i++) {
                names.add(properties.getJSONObject(i).getString("name"));
            }
            return names;
        } catch (IOException | JSONException e) {
            throw new IllegalStateException("Cannot read the generated configuration metadata", e);
        }
    }
}
