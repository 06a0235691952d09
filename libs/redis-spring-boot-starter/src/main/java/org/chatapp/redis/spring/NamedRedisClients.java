package org.chatapp.redis.spring;

import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/** The names under {@code chatapp.redis.clients}, read before the beans are defined. */
final class NamedRedisClients {

    private NamedRedisClients() {
    }

    /**
     * Returns the names of the named clients.
     *
     * @throws InvalidRedisPropertiesException when a client is named {@code default}, the default client's name
     */
    static Set<String> names(Environment environment) {
        Set<String> names = Binder.get(environment)
                .bind(ChatappRedisProperties.PREFIX + ".clients", Bindable.mapOf(String.class, RedisClientProperties.class))
                .map(clients -> (Set<String>) new java.util.LinkedHashSet<>(clients.keySet()))
                .orElse(Set.of());
        if (names.contains(RedisServiceFactory.DEFAULT_CLIENT)) {
            throw new InvalidRedisPropertiesException(ChatappRedisProperties.PREFIX + ".clients.default",
                    "the name 'default' belongs to the client configured directly under chatapp.redis; choose another name", null);
        }
        return names;
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
