package org.chatapp.redis.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Settings the starter would ignore in silence are named at startup. */
@ExtendWith(OutputCaptureExtension.class)
class RedisPropertyNamesCheckTest {

    private final RedisPropertyNamesCheck check = new RedisPropertyNamesCheck();

    @Test
    void warnings_typoUnderChatappRedis_namesItAndTheClosestKnownProperty() {
        assertThat(check.warnings(environment(Map.of("chatapp.redis.prot", "6380"))))
                .containsExactly("Unknown property chatapp.redis.prot is ignored; did you mean chatapp.redis.port?");
    }

    @Test
    void warnings_typoInANamedClient_suggestsThatClientsProperty() {
        assertThat(check.warnings(environment(Map.of("chatapp.redis.clients.sessions.key-prefx", "sess:"))))
                .containsExactly("Unknown property chatapp.redis.clients.sessions.key-prefx is ignored;"
                        + " did you mean chatapp.redis.clients.sessions.key-prefix?");
    }

    @Test
    void warnings_everyKnownFormOfEveryGroup_isQuiet() {
        assertThat(check.warnings(environment(Map.of("chatapp.redis.keyPrefix", "chat:", "chatapp.redis.nodes[0]", "a:1",
                "chatapp.redis.cluster.refresh-period", "10s", "chatapp.redis.tls.enabled", "true",
                "chatapp.redis.health.timeout", "1s", "chatapp.redis.local.mode", "standalone",
                "chatapp.redis.clients.sessions.sentinel.master", "m", "chatapp.redis.retry.step", "10ms",
                "chatapp.redis.local.binary", "embedded")))).isEmpty();
    }

    @Test
    void warnings_featureProperties_areKnown() {
        assertThat(check.warnings(environment(Map.of("chatapp.redis.lock.lease-time", "10s", "chatapp.redis.lock.replicas", "1"))))
                .isEmpty();
    }

    @Test
    void warnings_cacheDefaultsAndNamedCaches_areKnown() {
        assertThat(check.warnings(environment(Map.of("chatapp.redis.cache.ttl.duration", "10m",
                "chatapp.redis.cache.json.trusted-packages[0]", "com.example",
                "chatapp.redis.cache.caches.rooms.near-cache.max-entries", "100",
                "chatapp.redis.cache.caches.rooms.value-type", "java.lang.String")))).isEmpty();
    }

    @Test
    void warnings_typoInANamedCache_suggestsThatCachesProperty() {
        assertThat(check.warnings(environment(Map.of("chatapp.redis.cache.caches.rooms.ttl.jiter", "0.2"))))
                .containsExactly("Unknown property chatapp.redis.cache.caches.rooms.ttl.jiter is ignored;"
                        + " did you mean chatapp.redis.cache.caches.rooms.ttl.jitter?");
    }

    @Test
    void warnings_typoInAFeatureProperty_namesTheClosestOne() {
        assertThat(check.warnings(environment(Map.of("chatapp.redis.lock.lease-tme", "10s"))))
                .singleElement().asString().contains("chatapp.redis.lock.lease-tme").contains("chatapp.redis.lock.lease-time");
    }

    @Test
    void warnings_environmentVariables_areMatchedWhateverTheirUnderscoresStandFor() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("CHATAPP_REDIS_KEY_PREFIX", "chat:", "CHATAPP_REDIS_CLIENTS_SESSIONS_COMMAND_TIMEOUT", "1s",
                        "CHATAPP_REDIS_PROT", "6380")));

        assertThat(check.warnings(environment)).singleElement().asString().startsWith("Unknown property chatapp.redis.prot ");
    }

    @Test
    void warnings_springDataRedisWithoutChatappRedis_saysWhichPrefixTheStarterReads() {
        assertThat(check.warnings(environment(Map.of("spring.data.redis.host", "redis.internal")))).singleElement()
                .asString().contains("spring.data.redis.* is set", "reads chatapp.redis.*");
    }

    @Test
    void warnings_springDataRedisBesideChatappRedis_isQuiet() {
        assertThat(check.warnings(environment(Map.of("spring.data.redis.host", "a", "chatapp.redis.host", "b")))).isEmpty();
    }

    @Test
    void autoConfiguration_typo_isLoggedAsAWarning(CapturedOutput output) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ChatappRedisAutoConfiguration.class))
                .withPropertyValues("chatapp.redis.prot=6380", "chatapp.redis.host=127.0.0.1", "chatapp.redis.connect-timeout=200ms")
                .run(context -> assertThat(output).contains("Unknown property chatapp.redis.prot is ignored; did you mean chatapp.redis.port?"));
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
