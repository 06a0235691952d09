package org.chatapp.redis.spring.presence;

import org.chatapp.redis.InvalidRedisOptionException;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.presence.Presence;
import org.chatapp.redis.presence.PresenceOptions;
import org.chatapp.redis.presence.TypingListener;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link Presence} on the default Redis client, bound to {@code chatapp.redis.presence.*}, telling
 * the application's {@link TypingListener} beans (in their order) who starts and stops typing.
 * Presence keeps no counts, so it has no meters; it holds nothing to close.
 */
@AutoConfiguration(after = ChatappRedisAutoConfiguration.class)
@ConditionalOnClass(Presence.class)
@ConditionalOnSingleCandidate(RedisService.class)
@ConditionalOnBooleanProperty(name = PresenceProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(PresenceProperties.class)
public final class ChatappRedisPresenceAutoConfiguration {

    /** Where the library's own settings ({@code presence.typingTtl}) sit: directly under {@code chatapp.redis}. */
    private static final String LIBRARY_SETTINGS_PREFIX = "chatapp.redis";

    @Bean
    @ConditionalOnMissingBean
    Presence presence(RedisService redis, PresenceProperties properties, ObjectProvider<TypingListener> typingListeners) {
        return Presence.of(redis, options(properties), TypingListeners.of(typingListeners.orderedStream().toList()));
    }

    /**
     * Returns the options of the properties.
     *
     * @throws InvalidRedisPropertiesException naming the property whose value the library rejects
     */
    static PresenceOptions options(PresenceProperties properties) {
        try {
            return new PresenceOptions(properties.getNamespace(), properties.getConnectionTtl(), properties.getLastSeenRetention(),
                    properties.getTypingTtl());
        } catch (InvalidRedisOptionException e) {
            throw InvalidRedisPropertiesException.forSetting(LIBRARY_SETTINGS_PREFIX, e);
        }
    }
}
