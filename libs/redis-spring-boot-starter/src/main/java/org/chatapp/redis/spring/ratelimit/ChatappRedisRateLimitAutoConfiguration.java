package org.chatapp.redis.spring.ratelimit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.chatapp.redis.InvalidRedisOptionException;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.ratelimit.RateLimitPolicy;
import org.chatapp.redis.ratelimit.RateLimiter;
import org.chatapp.redis.ratelimit.RateLimiterOptions;
import org.chatapp.redis.ratelimit.RateLimiters;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * A {@link RateLimiter} bean per name under {@code chatapp.redis.ratelimit.limiters}, named
 * {@code <name>RateLimiter} and qualified {@code <name>}, on the default Redis client, with its
 * decisions as Micrometer counters ({@code chatapp.redis.ratelimit.allowed} and {@code .refused},
 * tagged {@code limiter}) when Micrometer is present. A bean of the application with the same name
 * replaces a limiter. Limiters hold nothing to close.
 */
@AutoConfiguration(after = ChatappRedisAutoConfiguration.class)
@ConditionalOnClass(RateLimiter.class)
@ConditionalOnSingleCandidate(RedisService.class)
@ConditionalOnBooleanProperty(name = RateLimitProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(RateLimitProperties.class)
public final class ChatappRedisRateLimitAutoConfiguration {

    @Bean
    static RateLimitersRegistrar rateLimitersRegistrar(Environment environment) {
        return new RateLimitersRegistrar(environment);
    }

    /** Returns the limiter of one name, counting its decisions. */
    static RateLimiter limiter(BeanFactory beanFactory, String name) {
        RateLimitProperties.Limiter settings = beanFactory.getBean(RateLimitProperties.class).getLimiters().get(name);
        RedisService redis = beanFactory.getBean(RedisService.class);
        return new CountingRateLimiter(RateLimiters.create(redis, options(name, settings)));
    }

    /**
     * Returns the options of the limiter configured under a name.
     *
     * @throws InvalidRedisPropertiesException naming the property under
     *     {@code chatapp.redis.ratelimit.limiters.<name>} that is missing, does not apply to the
     *     policy, or holds a value the library rejects
     */
    static RateLimiterOptions options(String name, RateLimitProperties.Limiter settings) {
        try {
            return new RateLimiterOptions(settings.getName() != null ? settings.getName() : name, policy(settings),
                    settings.getTimeSource());
        } catch (InvalidRedisOptionException e) {
            throw InvalidRedisPropertiesException.forSetting(RateLimitProperties.PREFIX + ".limiters." + name, e);
        }
    }

    private static RateLimitPolicy policy(RateLimitProperties.Limiter settings) {
        RateLimitProperties.Policy policy = settings.getPolicy();
        if (policy == null) {
            throw new InvalidRedisOptionException("policy", "policy must be fixed-window, sliding-window or token-bucket, was empty");
        }
        String kind = policy.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return switch (policy) {
            case FIXED_WINDOW, SLIDING_WINDOW -> {
                // A setting of another policy would be ignored in silence: most likely the policy is not the one meant.
                requireUnused(kind, "capacity", settings.getCapacity());
                requireUnused(kind, "refillTokens", settings.getRefillTokens());
                requireUnused(kind, "refillPeriod", settings.getRefillPeriod());
                int limit = required(kind, "limit", settings.getLimit());
                Duration window = required(kind, "window", settings.getWindow());
                yield policy == RateLimitProperties.Policy.FIXED_WINDOW
                        ? RateLimitPolicy.fixedWindow(limit, window) : RateLimitPolicy.slidingWindow(limit, window);
            }
            case TOKEN_BUCKET -> {
                requireUnused(kind, "limit", settings.getLimit());
                requireUnused(kind, "window", settings.getWindow());
                int capacity = required(kind, "capacity", settings.getCapacity());
                int refillTokens = settings.getRefillTokens() != null ? settings.getRefillTokens() : capacity;
                yield RateLimitPolicy.tokenBucket(capacity, refillTokens, required(kind, "refillPeriod", settings.getRefillPeriod()));
            }
        };
    }

    private static <T> T required(String kind, String setting, T value) {
        if (value == null) {
            throw new InvalidRedisOptionException(setting, setting + " must be set for a " + kind + " limiter");
        }
        return value;
    }

    private static void requireUnused(String kind, String setting, Object value) {
        if (value != null) {
            throw new InvalidRedisOptionException(setting, setting + " does not apply to a " + kind + " limiter, was " + value
                    + "; remove it or set the policy it belongs to");
        }
    }

    /** The limiters' decisions as meters, only with Micrometer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class RateLimitMetricsConfiguration {

        @Bean
        MeterBinder redisRateLimitMetrics(ListableBeanFactory beanFactory) {
            // Bound once every singleton exists, so every limiter of the properties is there; those the
            // application made itself keep no counts and are left out.
            return registry -> beanFactory.getBeansOfType(RateLimiter.class).values().forEach(limiter -> {
                if (limiter instanceof CountingRateLimiter counting) {
                    String name = counting.options().name();
                    FunctionCounter.builder("chatapp.redis.ratelimit.allowed", counting, CountingRateLimiter::allowed)
                            .tag("limiter", name).description("Rate limiter calls granted their permits").register(registry);
                    FunctionCounter.builder("chatapp.redis.ratelimit.refused", counting, CountingRateLimiter::refused)
                            .tag("limiter", name).description("Rate limiter calls refused").register(registry);
                }
            });
        }
    }
}
