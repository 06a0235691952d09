package org.chatapp.redis.spring.presence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of presence (heartbeats, last seen, typing), bound to {@code chatapp.redis.presence.*}. */
@ConfigurationProperties(PresenceProperties.PREFIX)
public class PresenceProperties {

    /** Prefix of the properties. */
    public static final String PREFIX = "chatapp.redis.presence";

    /** Whether a Presence bean is made on the default Redis client. */
    private boolean enabled = true;

    /** First part of every key presence writes, after the client's key prefix. */
    private String namespace = "presence";

    /** How long a connection counts as online after its last heartbeat; send heartbeats two or three times within it. */
    private Duration connectionTtl = Duration.ofSeconds(60);

    /** How long a user's last-seen time is kept after their last heartbeat or disconnect; at least connection-ttl. */
    private Duration lastSeenRetention = Duration.ofDays(30);

    /** How long a typing indicator lasts unless renewed. */
    private Duration typingTtl = Duration.ofSeconds(5);

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

    public Duration getConnectionTtl() {
        return connectionTtl;
    }

    public void setConnectionTtl(Duration connectionTtl) {
        this.connectionTtl = connectionTtl;
    }

    public Duration getLastSeenRetention() {
        return lastSeenRetention;
    }

    public void setLastSeenRetention(Duration lastSeenRetention) {
        this.lastSeenRetention = lastSeenRetention;
    }

    public Duration getTypingTtl() {
        return typingTtl;
    }

    public void setTypingTtl(Duration typingTtl) {
        this.typingTtl = typingTtl;
    }
}
