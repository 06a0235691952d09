package org.chatapp.redis.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the Redis health contributors into the readiness group, never liveness: an application
 * whose Redis is down should stop receiving traffic, not be restarted. Does nothing when the
 * application configures the readiness group itself, turns probes off, or turns Redis health off.
 */
final class RedisHealthGroupsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String READINESS_INCLUDE = "management.endpoint.health.group.readiness.include";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(READINESS_INCLUDE)
                || "false".equalsIgnoreCase(environment.getProperty("management.endpoint.health.probes.enabled"))
                || "false".equalsIgnoreCase(environment.getProperty("management.health.redis.enabled",
                        environment.getProperty("management.health.defaults.enabled", "true")))
                || !isPresent("org.springframework.boot.health.contributor.HealthIndicator")) {
            return;
        }
        StringBuilder include = new StringBuilder("readinessState,redis");
        for (String name : NamedRedisClients.names(environment)) {
            include.append(",redis-").append(name);
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put(READINESS_INCLUDE, include.toString());
        environment.getPropertySources().addLast(new MapPropertySource("chatappRedisHealthGroups", defaults));
    }

    private static boolean isPresent(String className) {
        return org.springframework.util.ClassUtils.isPresent(className, RedisHealthGroupsEnvironmentPostProcessor.class.getClassLoader());
    }
}
