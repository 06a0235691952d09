package org.chatapp.redis.spring.session;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the session store, bound to {@code chatapp.redis.session.*}. The encryption keys are
 * secrets: this class has no {@code toString}, and the starter never puts them in a message.
 */
@ConfigurationProperties(SessionProperties.PREFIX)
public class SessionProperties {

    /** Prefix of the properties. */
    public static final String PREFIX = "chatapp.redis.session";

    /** Whether a SessionStores bean and a SessionStore of text payloads are made on the default Redis client. */
    private boolean enabled = true;

    /** First part of every key the store writes, after the client's key prefix. */
    private String namespace = "session";

    /** How long a session lives after it was created or last touched (a sliding TTL). */
    private Duration ttl = Duration.ofHours(1);

    /** Largest payload accepted, in bytes once encoded and before encryption. */
    private int maxPayloadBytes = 65536;

    /** AES-GCM encryption of the payloads; off while no key is set. */
    private final Encryption encryption = new Encryption();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public Duration getTtl() {
        return ttl;
    }

    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    public int getMaxPayloadBytes() {
        return maxPayloadBytes;
    }

    public void setMaxPayloadBytes(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public Encryption getEncryption() {
        return encryption;
    }

    /** The AES keys, by id: the current one encrypts every write, the others still decrypt what they wrote. */
    public static class Encryption {

        /**
         * AES keys by key id (1 to 32 of A-Z a-z 0-9 _ -), each 16, 24 or 32 random bytes in base64;
         * keep a rotated-out key until the sessions it encrypted have expired (one TTL).
         */
        private Map<String, String> keys = new LinkedHashMap<>();

        /** Id of the key that encrypts every write; may stay unset while there is a single key. */
        private String currentKeyId;

        public Map<String, String> getKeys() {
            return keys;
        }

        public void setKeys(Map<String, String> keys) {
            this.keys = keys;
        }

        public String getCurrentKeyId() {
            return currentKeyId;
        }

        public void setCurrentKeyId(String currentKeyId) {
            this.currentKeyId = currentKeyId;
        }
    }
}
