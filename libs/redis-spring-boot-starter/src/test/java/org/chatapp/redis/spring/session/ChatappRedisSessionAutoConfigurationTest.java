package org.chatapp.redis.spring.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;
import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.session.SessionStore;
import org.chatapp.redis.session.SessionStoreOptions;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The session beans on a client whose endpoint is a closed port: nothing here talks to Redis. */
@ExtendWith(OutputCaptureExtension.class)
class ChatappRedisSessionAutoConfigurationTest {

    /** 32 bytes in base64; a test key, never a real one. */
    private static final String KEY_A = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String KEY_B = Base64.getEncoder().encodeToString("fedcba9876543210".getBytes());

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatappRedisAutoConfiguration.class, ChatappRedisSessionAutoConfiguration.class))
            .withPropertyValues("chatapp.redis.host=127.0.0.1", "chatapp.redis.port=1", "chatapp.redis.connect-timeout=200ms");

    private static SessionStoreOptions options(Consumer<SessionProperties> settings) {
        SessionProperties properties = new SessionProperties();
        settings.accept(properties);
        return ChatappRedisSessionAutoConfiguration.options(properties);
    }

    private static InvalidRedisPropertiesException invalid(Consumer<SessionProperties> settings) {
        try {
            options(settings);
        } catch (InvalidRedisPropertiesException e) {
            return e;
        }
        throw new AssertionError("the settings were accepted");
    }

    @Test
    void options_unsetProperties_areTheLibraryDefaults() {
        assertThat(options(properties -> { })).isEqualTo(SessionStoreOptions.defaults());
    }

    @Test
    void options_oneKey_isTheCurrentKeyWithoutNamingIt() {
        SessionStoreOptions options = options(properties -> properties.getEncryption().getKeys().put("k1", KEY_A));

        assertThat(options.keyring().currentKeyId()).isEqualTo("k1");
    }

    @Test
    void options_twoKeys_encryptWithTheCurrentAndKeepTheOtherForReading() {
        SessionStoreOptions options = options(properties -> {
            properties.getEncryption().getKeys().put("old", KEY_B);
            properties.getEncryption().getKeys().put("new", KEY_A);
            properties.getEncryption().setCurrentKeyId("new");
        });

        assertThat(options.keyring().keyIds()).containsExactly("new", "old");
    }

    @Test
    void options_twoKeysWithoutCurrent_failsNamingCurrentKeyId() {
        assertThat(invalid(properties -> {
            properties.getEncryption().getKeys().put("old", KEY_B);
            properties.getEncryption().getKeys().put("new", KEY_A);
        }).property()).isEqualTo("chatapp.redis.session.encryption.current-key-id");
    }

    @Test
    void options_currentKeyIdNotAmongTheKeys_failsNamingIt() {
        assertThat(invalid(properties -> {
            properties.getEncryption().getKeys().put("k1", KEY_A);
            properties.getEncryption().setCurrentKeyId("k2");
        }).property()).isEqualTo("chatapp.redis.session.encryption.current-key-id");
    }

    @Test
    void options_keyNotBase64_failsNamingItsPropertyWithoutItsValue() {
        String notBase64 = "s3cr3t-!!-value";
        InvalidRedisPropertiesException invalid = invalid(properties -> properties.getEncryption().getKeys().put("k1", notBase64));

        assertThat(invalid.property()).isEqualTo("chatapp.redis.session.encryption.keys.k1");
        assertThat(invalid.getMessage()).doesNotContain(notBase64).doesNotContain("!");
        assertThat(invalid.getCause().getCause()).isNull();
    }

    @Test
    void options_keyOfTheWrongLength_failsNamingItsPropertyWithoutItsValue() {
        String tenBytes = Base64.getEncoder().encodeToString("0123456789".getBytes());
        InvalidRedisPropertiesException invalid = invalid(properties -> properties.getEncryption().getKeys().put("k1", tenBytes));

        assertThat(invalid.property()).isEqualTo("chatapp.redis.session.encryption.keys.k1");
        assertThat(invalid.getMessage()).contains("10 bytes").doesNotContain(tenBytes);
    }

    @Test
    void options_ttlTheLibraryRejects_failsNamingTheProperty() {
        assertThat(invalid(properties -> properties.setTtl(Duration.ZERO)).property()).isEqualTo("chatapp.redis.session.ttl");
    }

    @Test
    void options_maxPayloadBytesTheLibraryRejects_failsNamingTheProperty() {
        assertThat(invalid(properties -> properties.setMaxPayloadBytes(0)).property())
                .isEqualTo("chatapp.redis.session.max-payload-bytes");
    }

    @Test
    void run_withAClient_providesSessionStoresAndAStoreOfText() {
        contextRunner.withPropertyValues("chatapp.redis.session.ttl=15m", "chatapp.redis.session.namespace=sess").run(context -> {
            assertThat(context).hasSingleBean(SessionStores.class).hasSingleBean(SessionStore.class);
            assertThat(context.getBean(SessionStore.class).options()).isEqualTo(
                    SessionStoreOptions.defaults().withTtl(Duration.ofMinutes(15)).withNamespace("sess"));
        });
    }

    @Test
    void run_encryptionKeys_neverAppearInTheBeansToString() {
        contextRunner.withPropertyValues("chatapp.redis.session.encryption.keys.k1=" + KEY_A).run(context -> {
            assertThat(context.getBean(SessionStores.class).options().encrypted()).isTrue();
            assertThat(context.getBean(SessionStores.class).toString()).contains("k1").doesNotContain(KEY_A);
            assertThat(context.getBean(SessionStore.class).toString()).doesNotContain(KEY_A);
        });
    }

    @Test
    void run_encryptionKeysOfAnyId_areKnownToTheNamesCheckAndNeverLogged(CapturedOutput output) {
        contextRunner.withPropertyValues("chatapp.redis.session.encryption.keys.2025-07=" + KEY_A,
                "chatapp.redis.session.encryption.keys.2025-01=" + KEY_B, "chatapp.redis.session.encryption.current-key-id=2025-07")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).doesNotContain("Unknown property").doesNotContain(KEY_A).doesNotContain(KEY_B);
                });
    }

    @Test
    void run_invalidKey_failureNeverShowsTheKey(CapturedOutput output) {
        String notAKey = "bm90LWEtcmVhbC1rZXk=";
        contextRunner.withPropertyValues("chatapp.redis.session.encryption.keys.k1=" + notAKey).run(context -> {
            assertThat(context).hasFailed();
            StringBuilder chain = new StringBuilder();
            for (Throwable failure = context.getStartupFailure(); failure != null; failure = failure.getCause()) {
                chain.append(failure).append('\n');
            }
            assertThat(chain).contains("encryption.keys.k1").doesNotContain(notAKey);
            assertThat(output).doesNotContain(notAKey);
        });
    }

    @Test
    void run_invalidTtl_failsNamingTheProperty() {
        contextRunner.withPropertyValues("chatapp.redis.session.ttl=0s").run(context -> assertThat(invalidProperty(context))
                .isEqualTo("chatapp.redis.session.ttl"));
    }

    @Test
    void run_applicationsOwnStore_replacesTheStoreOfText() {
        contextRunner.withUserConfiguration(StoreOfBytes.class)
                .run(context -> assertThat(context).hasSingleBean(SessionStore.class).hasBean("userSessions"));
    }

    /** An application's store of another payload type, made with the starter's SessionStores. */
    @Configuration(proxyBeanMethods = false)
    static class StoreOfBytes {

        @Bean
        SessionStore<byte[]> userSessions(SessionStores stores) {
            return stores.create(ValueCodec.bytes());
        }
    }

    @Test
    void run_disabled_providesNoSessionBeans() {
        contextRunner.withPropertyValues("chatapp.redis.session.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SessionStores.class).doesNotHaveBean(SessionStore.class));
    }

    @Test
    void run_withoutMicrometer_stillProvidesTheStores() {
        contextRunner.withClassLoader(new FilteredClassLoader(io.micrometer.core.instrument.MeterRegistry.class))
                .run(context -> assertThat(context).hasSingleBean(SessionStores.class));
    }

    private static String invalidProperty(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        while (failure != null && !(failure instanceof InvalidRedisPropertiesException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("an InvalidRedisPropertiesException among the causes").isNotNull();
        return ((InvalidRedisPropertiesException) failure).property();
    }
}
