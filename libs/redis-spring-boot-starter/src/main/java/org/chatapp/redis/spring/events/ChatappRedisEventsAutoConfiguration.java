package org.chatapp.redis.spring.events;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToLongFunction;
import org.chatapp.redis.InvalidRedisOptionException;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.events.EventOptions;
import org.chatapp.redis.events.EventStats;
import org.chatapp.redis.events.RedisEvents;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * A {@link RedisEvents} bus on the default Redis client, bound to {@code chatapp.redis.events.*},
 * made at its first use: a bus opens a pub/sub connection when made, which an application that never
 * publishes nor subscribes should not pay for. The properties are checked at startup all the same.
 * Its counts are Micrometer counters ({@code chatapp.redis.events.delivered}, {@code .handler-failures},
 * {@code .dropped-on-overflow}, {@code .undecodable}, {@code .resubscriptions}), zero until the bus is
 * made, when Micrometer is present. Needs Jackson 3 (events are JSON). Closed before the client.
 */
@AutoConfiguration(after = ChatappRedisAutoConfiguration.class)
@ConditionalOnClass(value = RedisEvents.class, name = "tools.jackson.databind.ObjectMapper")
@ConditionalOnSingleCandidate(RedisService.class)
@ConditionalOnBooleanProperty(name = EventsProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(EventsProperties.class)
public final class ChatappRedisEventsAutoConfiguration {

    /** The name of the bus this configuration makes; its meters read it once it exists. */
    static final String BUS_BEAN_NAME = "redisEvents";

    private final EventOptions options;

    ChatappRedisEventsAutoConfiguration(EventsProperties properties) {
        // Here rather than in the lazy bean method, so that an invalid property stops the startup.
        this.options = options(properties);
    }

    @Bean(name = BUS_BEAN_NAME, destroyMethod = "close")
    @Lazy
    @ConditionalOnMissingBean
    RedisEvents redisEvents(RedisService redis) {
        return RedisEvents.create(redis, options);
    }

    /**
     * Returns the options of the properties.
     *
     * @throws InvalidRedisPropertiesException naming the property whose value the library rejects
     */
    static EventOptions options(EventsProperties properties) {
        try {
            return new EventOptions(properties.getChannelPrefix(), properties.getSharding(), properties.getHandlerThreads(),
                    properties.getQueueCapacity(), properties.getMaxPayloadBytes());
        } catch (InvalidRedisOptionException e) {
            throw InvalidRedisPropertiesException.forSetting(EventsProperties.PREFIX, e);
        }
    }

    /** The bus's counts as meters, only with Micrometer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class EventsMetricsConfiguration {

        private static final EventStats NOT_MADE = new EventStats(0, 0, 0, 0, 0);

        @Bean
        MeterBinder redisEventMetrics(ConfigurableListableBeanFactory beanFactory) {
            return registry -> {
                counter(registry, beanFactory, "delivered", EventStats::delivered, "Events whose handler returned");
                counter(registry, beanFactory, "handler-failures", EventStats::handlerFailures, "Events whose handler threw");
                counter(registry, beanFactory, "dropped-on-overflow", EventStats::droppedOnOverflow,
                        "Events dropped because their subscription's queue was full");
                counter(registry, beanFactory, "undecodable", EventStats::undecodable, "Events whose JSON was not the subscription's type");
                counter(registry, beanFactory, "resubscriptions", EventStats::resubscriptions,
                        "Channels and patterns subscribed to again after a reconnect or failover");
            };
        }

        /** Registers a counter read from the bean factory, which the context holds for as long as the meters matter. */
        private static void counter(MeterRegistry registry, ConfigurableListableBeanFactory beanFactory, String name,
                ToLongFunction<EventStats> count, String description) {
            FunctionCounter.builder("chatapp.redis.events." + name, beanFactory, factory -> count.applyAsLong(stats(factory)))
                    .description(description).register(registry);
        }

        /** Returns the bus's counts once it exists, zeros before: reading the meters must not make it. */
        private static EventStats stats(ConfigurableListableBeanFactory beanFactory) {
            return beanFactory.containsSingleton(BUS_BEAN_NAME) ? beanFactory.getBean(BUS_BEAN_NAME, RedisEvents.class).stats() : NOT_MADE;
        }
    }
}
