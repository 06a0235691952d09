package org.chatapp.redis.spring.session;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.chatapp.redis.InvalidRedisOptionException;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.session.SessionKeyring;
import org.chatapp.redis.session.SessionStore;
import org.chatapp.redis.session.SessionStoreOptions;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link SessionStores} on the default Redis client, bound to {@code chatapp.redis.session.*}, and a
 * {@code SessionStore<String>} made with it unless the application defines a {@link SessionStore}
 * (of its own payload type, say). The encryption keys come from base64 properties and never reach a
 * message: an invalid one is named by its property only. The store keeps no counts, so it has no
 * meters; it holds nothing to close.
 */
@AutoConfiguration(after = ChatappRedisAutoConfiguration.class)
@ConditionalOnClass(SessionStore.class)
@ConditionalOnSingleCandidate(RedisService.class)
@ConditionalOnBooleanProperty(name = SessionProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(SessionProperties.class)
public final class ChatappRedisSessionAutoConfiguration {

    /** Where the library's own settings ({@code session.ttl}) sit: directly under {@code chatapp.redis}. */
    private static final String LIBRARY_SETTINGS_PREFIX = "chatapp.redis";

    @Bean
    @ConditionalOnMissingBean
    SessionStores sessionStores(RedisService redis, SessionProperties properties) {
        return new DefaultSessionStores(redis, options(properties));
    }

    @Bean
    @ConditionalOnMissingBean(SessionStore.class)
    SessionStore<String> sessionStore(SessionStores stores) {
        return stores.create(ValueCodec.string());
    }

    /**
     * Returns the store's options.
     *
     * @throws InvalidRedisPropertiesException naming the property whose value is invalid, never the value of a key
     */
    static SessionStoreOptions options(SessionProperties properties) {
        SessionKeyring keyring = keyring(properties.getEncryption());
        try {
            return new SessionStoreOptions(properties.getNamespace(), properties.getTtl(), properties.getMaxPayloadBytes(), keyring);
        } catch (InvalidRedisOptionException e) {
            throw InvalidRedisPropertiesException.forSetting(LIBRARY_SETTINGS_PREFIX, e);
        }
    }

    /** Returns the keyring of the configured keys, or null when none is set (no encryption). */
    private static SessionKeyring keyring(SessionProperties.Encryption encryption) {
        Map<String, String> keys = encryption.getKeys();
        String current = encryption.getCurrentKeyId();
        if (keys == null || keys.isEmpty()) {
            if (current != null) {
                throw invalid("encryption.current-key-id", "encryption.current-key-id is '" + current
                        + "', but no key is set under encryption.keys");
            }
            return null;
        }
        if (current == null) {
            if (keys.size() > 1) {
                throw invalid("encryption.current-key-id", "encryption.current-key-id must name the key that encrypts writes"
                        + " when there are several keys, was unset; the keys are " + keys.keySet());
            }
            current = keys.keySet().iterator().next();
        }
        if (!keys.containsKey(current)) {
            throw invalid("encryption.current-key-id", "encryption.current-key-id must be one of the ids under encryption.keys "
                    + keys.keySet() + ", was '" + current + "'");
        }
        SessionKeyring keyring = withKey(null, current, keys.get(current));
        List<String> previous = new ArrayList<>(keys.keySet());
        previous.remove(current);
        for (String id : previous) {
            keyring = withKey(keyring, id, keys.get(id));
        }
        return keyring;
    }

    /** Returns the keyring with one more key: the current one when the keyring is null. */
    private static SessionKeyring withKey(SessionKeyring keyring, String id, String base64) {
        byte[] key = decode(id, base64);
        try {
            return keyring == null ? SessionKeyring.of(id, key) : keyring.withPreviousKey(id, key);
        } catch (IllegalArgumentException e) {
            // The keyring's messages name the id and the key's length, never its bytes.
            throw invalid("encryption.keys." + id, "encryption.keys." + id + ": " + e.getMessage());
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] decode(String id, String base64) {
        try {
            return Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            // Neither the decoder's message (it quotes a character of the key) nor the exception as a cause.
            throw invalid("encryption.keys." + id, "encryption.keys." + id + " must be a key in base64 (16, 24 or 32 bytes),"
                    + " and is not valid base64");
        }
    }

    private static InvalidRedisPropertiesException invalid(String property, String reason) {
        return InvalidRedisPropertiesException.forSetting(SessionProperties.PREFIX, new InvalidRedisOptionException(property, reason));
    }
}
