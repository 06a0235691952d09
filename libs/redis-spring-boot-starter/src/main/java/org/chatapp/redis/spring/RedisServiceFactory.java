package org.chatapp.redis.spring;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.ClientResources;
import java.util.List;
import org.chatapp.redis.LettuceCustomizer;
import org.chatapp.redis.RedisClientProvider;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.RedisServiceException;
import org.chatapp.redis.health.RedisHealthIndicator;

/** Creates the default and the named {@link RedisService}s from the properties and connection details. */
final class RedisServiceFactory {

    static final String DEFAULT_CLIENT = "default";

    private final ChatappRedisProperties properties;
    private final RedisConnectionDetails details;
    private final List<RedisClientCustomizer> customizers;

    RedisServiceFactory(ChatappRedisProperties properties, RedisConnectionDetails details, List<RedisClientCustomizer> customizers) {
        this.properties = properties;
        this.details = details;
        this.customizers = List.copyOf(customizers);
    }

    /** Returns the options of a client: {@code default} or a name under {@code chatapp.redis.clients}. */
    RedisOptions options(String clientName) {
        if (DEFAULT_CLIENT.equals(clientName)) {
            return RedisOptionsMapper.map(ChatappRedisProperties.PREFIX, details, properties, null);
        }
        RedisClientProperties own = properties.getClients().get(clientName);
        if (own == null) {
            throw new IllegalArgumentException("no Redis client named '" + clientName + "' under chatapp.redis.clients");
        }
        return RedisOptionsMapper.map(ChatappRedisProperties.PREFIX + ".clients." + clientName, details, properties, own);
    }

    /** Creates a client's service; with {@code require-at-startup}, fails unless Redis answers. */
    RedisService create(String clientName) {
        RedisService service = RedisService.create(RedisClientProvider.createRedisClient(options(clientName), customizer(clientName)));
        if (properties.isRequireAtStartup()) {
            try {
                service.ping();
            } catch (RedisServiceException e) {
                service.close();
                throw new RedisUnavailableAtStartupException(clientName, e);
            }
        }
        return service;
    }

    /** Creates the framework-free health check of a client's service. */
    RedisHealthIndicator healthCheck(RedisService service) {
        return RedisOptionsMapper.guard(ChatappRedisProperties.PREFIX, "health.timeout",
                () -> RedisHealthIndicator.of(service, properties.getHealth().getTimeout()));
    }

    private LettuceCustomizer customizer(String clientName) {
        return new LettuceCustomizer() {
            @Override
            public void customizeResources(ClientResources.Builder resources) {
                customizers.forEach(customizer -> customizer.customizeResources(clientName, resources));
            }

            @Override
            public void customizeOptions(ClientOptions.Builder options) {
                customizers.forEach(customizer -> customizer.customizeOptions(clientName, options));
            }
        };
    }
}
