package org.chatapp.redis.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.chatapp.redis.RedisOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.configurationprocessor.json.JSONArray;
import org.springframework.boot.configurationprocessor.json.JSONException;
import org.springframework.boot.configurationprocessor.json.JSONObject;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The IDE metadata the build generates: a default for every setting that has one, each the one the library applies. */
class ConfigurationMetadataTest {

    /**
     * Settings without a default: credentials, endpoints of a mode, files, the prefix, the clients
     * map, and local.enabled, whose unset value depends on how the application was launched.
     */
    private static final Set<String> WITHOUT_DEFAULT = Set.of("chatapp.redis.local.enabled", "chatapp.redis.lock.renew-every", "chatapp.redis.username", "chatapp.redis.password",
            "chatapp.redis.key-prefix", "chatapp.redis.nodes", "chatapp.redis.clients", "chatapp.redis.sentinel.master",
            "chatapp.redis.sentinel.nodes", "chatapp.redis.sentinel.username", "chatapp.redis.sentinel.password",
            "chatapp.redis.tls.trusted-certificates", "chatapp.redis.tls.client-certificate", "chatapp.redis.tls.client-key",
            // Features: named limiters, an optional consumer name, dedupe field, trimming, and the encryption keys.
            "chatapp.redis.ratelimit.limiters", "chatapp.redis.stream.consumer", "chatapp.redis.stream.dedupe-field",
            "chatapp.redis.stream.trimming.max-length", "chatapp.redis.stream.trimming.max-age",
            "chatapp.redis.session.encryption.keys", "chatapp.redis.session.encryption.current-key-id",
            // Caches: typed JSON unless a value type is named, the trusted packages beside the application's, the named caches.
            "chatapp.redis.cache.value-type", "chatapp.redis.cache.json.trusted-packages", "chatapp.redis.cache.caches");
    /** Settings that are not RedisOptions, or whose default depends on the machine (spin-wait: the CPU count). */
    private static final Set<String> NOT_IN_THE_OPTIONS = Set.of("chatapp.redis.health.timeout", "chatapp.redis.local.enabled",
            "chatapp.redis.local.mode", "chatapp.redis.require-at-startup", "chatapp.redis.require-endpoint", "chatapp.redis.spin-wait");

    @Test
    void metadata_everySettingWithADefault_statesIt() {
        List<String> missing = properties().stream()
                .filter(property -> !WITHOUT_DEFAULT.contains(property.get("name")) && !property.containsKey("defaultValue"))
                .map(property -> (String) property.get("name")).toList();

        assertThat(missing).isEmpty();
    }

    @Test
    void metadata_enumeratedSettings_haveHints() {
        List<String> hinted = hints().stream().map(hint -> (String) hint.get("name")).toList();

        assertThat(hinted).contains("chatapp.redis.cluster.read-from", "chatapp.redis.sentinel.read-from",
                "chatapp.redis.tls.verification", "chatapp.redis.local.mode", "chatapp.redis.events.sharding");
    }

    static Stream<Map<String, Object>> optionDefaults() {
        return properties().stream().filter(property -> property.containsKey("defaultValue"))
                .filter(property -> !NOT_IN_THE_OPTIONS.contains(property.get("name")))
                .filter(property -> !isFeatureProperty((String) property.get("name")));
    }

    @ParameterizedTest
    @MethodSource("optionDefaults")
    void metadata_statedDefault_isWhatTheLibraryAppliesWhenTheSettingIsUnset(Map<String, Object> property) {
        String name = (String) property.get("name");
        Map<String, String> base = baseFor(name);
        Map<String, String> explicit = new HashMap<>(base);
        explicit.put(name, String.valueOf(property.get("defaultValue")));

        assertThat(options(explicit).toString()).isEqualTo(options(base).toString());
    }

    /** Whether a property belongs to a feature's options (locks, ...), whose defaults their own tests compare. */
    private static boolean isFeatureProperty(String name) {
        return Stream.of("lock", "ratelimit", "stream", "session", "presence", "unread", "idempotency", "events", "cache")
                .anyMatch(feature -> name.startsWith("chatapp.redis." + feature + "."));
    }

    /** Returns settings that put the library in the mode where the property applies. */
    private static Map<String, String> baseFor(String name) {
        if (name.startsWith("chatapp.redis.cluster.")) {
            return Map.of("chatapp.redis.nodes", "127.0.0.1:7000,127.0.0.1:7001");
        }
        if (name.startsWith("chatapp.redis.sentinel.")) {
            return Map.of("chatapp.redis.sentinel.master", "chat", "chatapp.redis.sentinel.nodes", "127.0.0.1:26379");
        }
        if (name.equals("chatapp.redis.tls.verification")) {
            return Map.of("chatapp.redis.tls.enabled", "true");
        }
        return Map.of();
    }

    private static RedisOptions options(Map<String, String> settings) {
        ChatappRedisProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate(ChatappRedisProperties.PREFIX, ChatappRedisProperties.class);
        return RedisOptionsMapper.map(ChatappRedisProperties.PREFIX,
                new PropertiesRedisConnectionDetails(ChatappRedisProperties.PREFIX, properties), properties, null);
    }

    private static List<Map<String, Object>> properties() {
        return entries("properties");
    }

    private static List<Map<String, Object>> hints() {
        return entries("hints");
    }

    /** Returns the entries of one section, each with its {@code name} and, if stated, its {@code defaultValue}. */
    private static List<Map<String, Object>> entries(String section) {
        try (InputStream json = ConfigurationMetadataTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            JSONArray array = new JSONObject(new String(json.readAllBytes(), StandardCharsets.UTF_8)).optJSONArray(section);
            List<Map<String, Object>> entries = new ArrayList<>();
            for (int i = 0; array != null && i < array.length(); i++) {
                JSONObject entry = array.getJSONObject(i);
                Map<String, Object> fields = new HashMap<>();
                fields.put("name", entry.getString("name"));
                if (entry.has("defaultValue")) {
                    fields.put("defaultValue", entry.get("defaultValue"));
                }
                entries.add(fields);
            }
            return entries;
        } catch (IOException | JSONException e) {
            throw new IllegalStateException("Cannot read the generated configuration metadata", e);
        }
    }
}
