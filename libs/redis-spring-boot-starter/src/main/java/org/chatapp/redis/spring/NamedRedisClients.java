package org.chatapp.redis.spring;

import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/** The names under {@code chatapp.redis.clients}, read before the beans are defined. */
final class NamedRedisClients {

    private NamedRedisClients() {
    }

    static Set<String> names(Environment environment) {
        return Binder.get(environment)
                .bind(ChatappRedisProperties.PREFIX + ".clients", Bindable.mapOf(String.class, RedisClientProperties.class))
                .map(clients -> (Set<String>) new java.util.LinkedHashSet<>(clients.keySet()))
                .orElse(Set.of());
    }

    static String serviceBeanName(String clientName) {
        return clientName + "RedisService";
    }

    static String healthCheckBeanName(String clientName) {
        return clientName + "RedisHealthCheck";
    }

    static String healthBeanName(String clientName) {
        return "redis-" + clientName + "HealthIndicator";
    }
}
