package org.chatapp.redis.spring;

import org.chatapp.redis.health.RedisHealth;
import org.chatapp.redis.health.RedisHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator's view of the library's {@link RedisHealthIndicator}: the same status and details
 * (mode, version, latency, and for a cluster its state and slots), within the check's own timeout.
 */
public final class ChatappRedisHealthIndicator implements HealthIndicator {

    private final RedisHealthIndicator indicator;

    /** Creates an Actuator indicator reporting what the library's check reports. */
    public ChatappRedisHealthIndicator(RedisHealthIndicator indicator) {
        this.indicator = indicator;
    }

    @Override
    public Health health() {
        RedisHealth result = indicator.check();
        return (result.isUp() ? Health.up() : Health.down()).withDetails(result.details()).build();
    }
}
