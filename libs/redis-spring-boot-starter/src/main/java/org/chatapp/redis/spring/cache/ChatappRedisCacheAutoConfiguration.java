package org.chatapp.redis.spring.cache;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.chatapp.redis.InvalidRedisOptionException;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.cache.CacheStats;
import org.chatapp.redis.cache.RedisCache;
import org.chatapp.redis.cache.RedisCaches;
import org.chatapp.redis.cache.TypedJsonCodec;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@link RedisCaches} on the default Redis client and, with {@code @EnableCaching}, Spring's
 * {@link CacheManager} over it (bean {@code cacheManager}), bound to {@code chatapp.redis.cache.*}:
 * {@code @Cacheable}, {@code @CachePut} and {@code @CacheEvict} on Redis, {@code @Cacheable(sync = true)}
 * loading once per key across every instance. Ordered before Boot's cache auto-configuration, which
 * then backs off, so it replaces Spring Data Redis's {@code RedisCacheManager}; it backs off itself
 * for a {@code CacheManager} (or a {@code cacheResolver}) of the application, and when
 * {@code spring.cache.type} names another kind than {@code redis}. Values are typed JSON
 * ({@link TypedJsonCodec}, bean {@code redisCacheValueCodec}, replaceable) unless a cache names its
 * value type. Every cache's counts are Micrometer meters {@code chatapp.redis.cache.*}, tagged
 * {@code cache}, when Micrometer is present. Closed before the client.
 */
@AutoConfiguration(after = ChatappRedisAutoConfiguration.class,
        beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass({RedisCaches.class, CacheManager.class})
@ConditionalOnSingleCandidate(RedisService.class)
@ConditionalOnBooleanProperty(name = RedisCacheProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(RedisCacheProperties.class)
public final class ChatappRedisCacheAutoConfiguration {

    /** The name of the codec of the caches without a value type; a bean of the application by this name replaces it. */
    public static final String VALUE_CODEC_BEAN_NAME = "redisCacheValueCodec";

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RedisCaches redisCaches(RedisService redis) {
        return RedisCaches.create(redis);
    }

    /** The cache manager, with caching enabled and no cache manager of the application's. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(CacheAspectSupport.class)
    @ConditionalOnMissingBean(value = CacheManager.class, name = "cacheResolver")
    @Conditional(SpringCacheTypeIsRedisOrUnset.class)
    static class CacheManagerConfiguration {

        @Bean(name = VALUE_CODEC_BEAN_NAME)
        @ConditionalOnMissingBean(name = VALUE_CODEC_BEAN_NAME)
        ValueCodec<Object> redisCacheValueCodec(RedisCacheProperties properties, BeanFactory beanFactory) {
            List<String> packages = new ArrayList<>(properties.getJson().getTrustedPackages());
            if (AutoConfigurationPackages.has(beanFactory)) {
                packages.addAll(AutoConfigurationPackages.get(beanFactory));
            }
            try {
                return TypedJsonCodec.trusting(packages);
            } catch (InvalidRedisOptionException e) {
                throw InvalidRedisPropertiesException.forSetting(RedisCacheProperties.PREFIX + ".json", e);
            }
        }

        @Bean
        @SuppressWarnings("unchecked")
        SpringRedisCaches cacheManager(RedisCaches caches, RedisCacheProperties properties, Environment environment,
                @Qualifier(VALUE_CODEC_BEAN_NAME) ValueCodec<?> codec) {
            // ValueCodec<?>: an application's codec may be declared with any type argument, or none.
            // Checked here, at startup: an invalid setting names its property before any cache is used.
            return new SpringRedisCaches(caches, ConfiguredCaches.of(Binder.get(environment), properties, (ValueCodec<Object>) codec));
        }
    }

    /** Matches unless {@code spring.cache.type} asks Boot for another kind of cache than Redis ({@code simple}, {@code none}, ...). */
    static final class SpringCacheTypeIsRedisOrUnset extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String type = Binder.get(context.getEnvironment()).bind("spring.cache.type", String.class).orElse(null);
            if (type == null || type.trim().toLowerCase(Locale.ROOT).equals("redis")) {
                return ConditionOutcome.match("spring.cache.type is " + (type == null ? "unset" : type));
            }
            return ConditionOutcome.noMatch("spring.cache.type is " + type + ", not redis");
        }
    }

    /** Every cache's counts as meters, only with Micrometer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class CacheMetricsConfiguration {

        @Bean
        MeterBinder redisCacheMetrics(ObjectProvider<SpringRedisCaches> cacheManager) {
            // Caches are made on first use, after binding: each is registered as it is made. Without
            // the starter's cache manager (no @EnableCaching, or one of the application's) there is nothing to bind.
            return registry -> cacheManager.ifAvailable(manager -> manager.onEachCache(cache -> register(registry, cache.getNativeCache())));
        }

        static void register(MeterRegistry registry, RedisCache<Object> cache) {
            counter(registry, cache, "hits", CacheStats::hits, "Reads answered with a value or a cached null, near cache included");
            counter(registry, cache, "misses", CacheStats::misses, "Reads Redis had nothing for");
            counter(registry, cache, "stale-hits", CacheStats::staleHits, "Hits past their expiry served while a refresh ran");
            counter(registry, cache, "near-hits", CacheStats::nearHits, "Reads answered by the in-process near cache");
            counter(registry, cache, "load-failures", CacheStats::loadFailures, "Loads whose method threw");
            counter(registry, cache, "early-refreshes", CacheStats::earlyRefreshes, "Refreshes started before expiry or in the stale window");
            counter(registry, cache, "lease-waits", CacheStats::leaseWaits, "Times this instance waited for another instance's load of a key");
            counter(registry, cache, "local-waits", CacheStats::localWaits, "Callers that joined a load already running in this instance");
            counter(registry, cache, "errors", CacheStats::errors, "Redis failures and unreadable entries");
            counter(registry, cache, "evictions", CacheStats::evictions, "Entries removed by evict and clear");
            counter(registry, cache, "oversized", CacheStats::oversized, "Values not cached for exceeding max-value-bytes");
            FunctionTimer.builder("chatapp.redis.cache.loads", cache, c -> c.stats().loads(),
                            c -> c.stats().loadTime().toNanos(), TimeUnit.NANOSECONDS)
                    .tag("cache", cache.name()).description("Loads that returned, and the time they took").register(registry);
        }

        private static void counter(MeterRegistry registry, RedisCache<Object> cache, String name, ToLongFunction<CacheStats> count,
                String description) {
            FunctionCounter.builder("chatapp.redis.cache." + name, cache, c -> count.applyAsLong(c.stats()))
                    .tag("cache", cache.name()).description(description).register(registry);
        }
    }
}
