package org.chatapp.redis.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one health check: a status and details such as {@code mode}, {@code version},
 * {@code latency_ms} and, for a cluster, {@code cluster_state} and slot counts. Details never hold
 * a password.
 *
 * @param status UP or DOWN
 * @param details what was observed, in a stable order
 */
public record RedisHealth(HealthStatus status, Map<String, Object> details) {

    /** Copies the details into an unmodifiable map that keeps their order. */
    public RedisHealth {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** Returns whether the status is UP. */
    public boolean isUp() {
        return status == HealthStatus.UP;
    }
}
