package org.chatapp.redis.spring.unread;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the unread message counters, bound to {@code chatapp.redis.unread.*}. */
@ConfigurationProperties(UnreadProperties.PREFIX)
public class UnreadProperties {

    /** Prefix of the properties. */
    public static final String PREFIX = "chatapp.redis.unread";

    /** Whether an UnreadCounters bean is made on the default Redis client. */
    private boolean enabled = true;

    /** First part of every key the counters write, after the client's key prefix. */
    private String namespace = "unread";

    /** How long a user's counters are kept after the last change to any of them. */
    private Duration retention = Duration.ofDays(90);

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

    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }
}
