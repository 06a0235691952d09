package org.chatapp.redis.spring;

import org.chatapp.redis.RedisService;
import org.chatapp.redis.health.RedisHealth;
import org.chatapp.redis.health.RedisHealthIndicator;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator's view of the library's {@link RedisHealthIndicator}: the same status and details
 * (mode, version, latency, and for a cluster its state and slots), within the check's own timeout.
 */
public final class ChatappRedisHealthIndicator implements HealthIndicator, DisposableBean {

    private final RedisHealthIndicator indicator;

    /** Creates an indicator for a service, answering within {@code timeout}. */
    public ChatappRedisHealthIndicator(RedisService service, java.time.Duration timeout) {
        this.indicator = RedisHealthIndicator.of(service, timeout);
    }

    @Override
    public Health health() {
        RedisHealth result = indicator.check();
        return (result.isUp() ? Health.up() : Health.down()).withDetails(result.details()).build();
    }

    @Override
    public void destroy() {
        indicator.close();
    }
}
