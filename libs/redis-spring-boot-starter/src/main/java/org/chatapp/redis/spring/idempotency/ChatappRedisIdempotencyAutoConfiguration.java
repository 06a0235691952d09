package org.chatapp.redis.spring.idempotency;

import org.chatapp.redis.InvalidRedisOptionException;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.idempotency.Idempotency;
import org.chatapp.redis.idempotency.IdempotencyOptions;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link Idempotency} on the default Redis client, bound to {@code chatapp.redis.idempotency.*}. It
 * keeps no counts, so it has no meters; it holds nothing to close.
 */
@AutoConfiguration(after = ChatappRedisAutoConfiguration.class)
@ConditionalOnClass(Idempotency.class)
@ConditionalOnSingleCandidate(RedisService.class)
@ConditionalOnBooleanProperty(name = IdempotencyProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(IdempotencyProperties.class)
public final class ChatappRedisIdempotencyAutoConfiguration {

    /** Where the library's own settings ({@code idempotency.lease}) sit: directly under {@code chatapp.redis}. */
    private static final String LIBRARY_SETTINGS_PREFIX = "chatapp.redis";

    @Bean
    @ConditionalOnMissingBean
    Idempotency idempotency(RedisService redis, IdempotencyProperties properties) {
        return Idempotency.of(redis, options(properties));
    }

    /**
     * Returns the options of the properties.
     *
     * @throws InvalidRedisPropertiesException naming the property whose value the library rejects
     */
    static IdempotencyOptions options(IdempotencyProperties properties) {
        try {
            return new IdempotencyOptions(properties.getNamespace(), properties.getLease(), properties.getMaxResultBytes());
        } catch (InvalidRedisOptionException e) {
            throw InvalidRedisPropertiesException.forSetting(LIBRARY_SETTINGS_PREFIX, e);
        }
    }
}
