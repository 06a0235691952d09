package org.chatapp.redis.spring.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the idempotency keys, bound to {@code chatapp.redis.idempotency.*}. */
@ConfigurationProperties(IdempotencyProperties.PREFIX)
public class IdempotencyProperties {

    /** Prefix of the properties. */
    public static final String PREFIX = "chatapp.redis.idempotency";

    /** Whether an Idempotency bean is made on the default Redis client. */
    private boolean enabled = true;

    /** First part of every key idempotency writes, after the client's key prefix. */
    private String namespace = "idempotency";

    /**
     * How long a caller may take to run the operation: its claim on the key lapses after that, so an
     * operation that takes longer may run a second time.
     */
    private Duration lease = Duration.ofSeconds(60);

    /** Largest result kept, in bytes of UTF-8. */
    private int maxResultBytes = 65536;

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

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public int getMaxResultBytes() {
        return maxResultBytes;
    }

    public void setMaxResultBytes(int maxResultBytes) {
        this.maxResultBytes = maxResultBytes;
    }
}
