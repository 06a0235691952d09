package org.chatapp.redis.spring.unread;

import org.chatapp.redis.InvalidRedisOptionException;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.chatapp.redis.unread.UnreadCounters;
import org.chatapp.redis.unread.UnreadOptions;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link UnreadCounters} on the default Redis client, bound to {@code chatapp.redis.unread.*}. The
 * counters keep no counts of their own calls, so they have no meters; they hold nothing to close.
 */
@AutoConfiguration(after = ChatappRedisAutoConfiguration.class)
@ConditionalOnClass(UnreadCounters.class)
@ConditionalOnSingleCandidate(RedisService.class)
@ConditionalOnBooleanProperty(name = UnreadProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(UnreadProperties.class)
public final class ChatappRedisUnreadAutoConfiguration {

    /** Where the library's own settings ({@code unread.retention}) sit: directly under {@code chatapp.redis}. */
    private static final String LIBRARY_SETTINGS_PREFIX = "chatapp.redis";

    @Bean
    @ConditionalOnMissingBean
    UnreadCounters unreadCounters(RedisService redis, UnreadProperties properties) {
        return UnreadCounters.of(redis, options(properties));
    }

    /**
     * Returns the options of the properties.
     *
     * @throws InvalidRedisPropertiesException naming the property whose value the library rejects
     */
    static UnreadOptions options(UnreadProperties properties) {
        try {
            return new UnreadOptions(properties.getNamespace(), properties.getRetention());
        } catch (InvalidRedisOptionException e) {
            throw InvalidRedisPropertiesException.forSetting(LIBRARY_SETTINGS_PREFIX, e);
        }
    }
}
