package org.chatapp.redis.spring;

import org.chatapp.redis.LettuceVersion;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.health.RedisHealthIndicator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * The Spring Boot form of the seed's {@code RedisModule.register(options)}: a {@link RedisService}
 * and its {@link RedisHealthIndicator} bound to {@code chatapp.redis.*}, plus a pair per name under
 * {@code chatapp.redis.clients}, injectable with {@code @Qualifier("<name>")}. Each service is closed when the context closes,
 * after the beans that use it (so after the web server has stopped taking requests).
 */
@AutoConfiguration
@EnableConfigurationProperties(ChatappRedisProperties.class)
public final class ChatappRedisAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ChatappRedisAutoConfiguration.class);

    ChatappRedisAutoConfiguration() {
        // Before any bean reaches a Lettuce method that an older Lettuce lacks (a NoSuchMethodError).
        LettuceVersion.requireSupported();
    }

    /**
     * The endpoint from {@code chatapp.redis.*}, used when nothing else (a local Redis for
     * development, a Testcontainers or Docker Compose service, a bean of the application) gives one.
     * Named apart from Spring Boot's {@code redisConnectionDetails}, which Spring Data Redis's
     * auto-configuration defines with a type of its own, so an application may have both.
     */
    @Bean
    @ConditionalOnMissingBean(RedisConnectionDetails.class)
    RedisConnectionDetails chatappRedisConnectionDetails(ChatappRedisProperties properties, Environment environment) {
        if (ConfiguredEndpoint.firstSetProperty(environment).isEmpty()) {
            if (properties.isRequireEndpoint()) {
                throw new RedisEndpointMissingException();
            }
            // Said once, and loudly: a production run missing its settings would otherwise look
            // like a Redis outage at localhost.
            log.warn("No Redis endpoint is configured ({}), so chatapp-redis connects to localhost:6379; "
                    + "set chatapp.redis.require-endpoint=true to fail at startup instead", ConfiguredEndpoint.PROPERTY_NAMES);
        }
        return new PropertiesRedisConnectionDetails(ChatappRedisProperties.PREFIX, properties);
    }

    @Bean
    RedisServiceFactory chatappRedisServiceFactory(ChatappRedisProperties properties, RedisConnectionDetails details,
            ObjectProvider<RedisClientCustomizer> customizers) {
        return new RedisServiceFactory(properties, details, customizers.orderedStream().toList());
    }

    @Bean(destroyMethod = "close")
    @Primary
    @ConditionalOnMissingBean(RedisService.class)
    RedisService redisService(RedisServiceFactory factory) {
        return factory.create(RedisServiceFactory.DEFAULT_CLIENT);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(name = "redisHealthCheck")
    @ConditionalOnSingleCandidate(RedisService.class)
    RedisHealthIndicator redisHealthCheck(RedisService redisService, RedisServiceFactory factory) {
        return factory.healthCheck(redisService);
    }

    @Bean
    static RedisPropertyNamesCheck redisPropertyNamesCheck(Environment environment) {
        RedisPropertyNamesCheck check = new RedisPropertyNamesCheck();
        check.check(environment);
        return check;
    }

    @Bean
    static NamedRedisClientsRegistrar namedRedisClientsRegistrar(Environment environment) {
        return new NamedRedisClientsRegistrar(environment);
    }
}
