package org.chatapp.apps.gateway.cache;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.cache.CacheOptions;
import org.chatapp.redis.cache.CacheStats;
import org.chatapp.redis.cache.RedisCache;
import org.chatapp.redis.cache.RedisCaches;
import org.chatapp.redis.cache.TtlPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The gateway's response cache ({@code chatapp.gateway.response-cache.*}): the library's cache
 * {@value #NAME} on the gateway's own prefix ({@code gw:cache:{responses:<key>}}), with its counts as
 * the meters the starter gives every cache ({@code chatapp.redis.cache.*}, tag {@code cache=responses}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "chatapp.gateway.response-cache.enabled", matchIfMissing = true)
class ResponseCacheConfiguration {

    static final String NAME = "responses";

    @Bean
    RedisCache<CachedResponse> responseCache(RedisCaches caches, @Value("${chatapp.gateway.response-cache.ttl:5s}") Duration ttl) {
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("chatapp.gateway.response-cache.ttl must be at least 1s, was " + ttl);
        }
        return caches.cache(NAME, CacheOptions.builder(ValueCodec.json(CachedResponse.class))
                .ttl(TtlPolicy.fixed(ttl))
                .maxValueBytes(2 * ResponseCacheFilter.MAX_BODY_BYTES) // the body in base64, and its content type
                .tags((key, value) -> CacheableRequests.tagsOf(key))
                // Never refreshed in the background: the loader proxies the request of the caller that missed.
                .earlyRefreshBeta(0)
                .staleWhileRevalidate(Duration.ZERO)
                // A fetch takes a service's answer time: waiters elsewhere need not wait the default 10 s for a dead one.
                .leaseTime(Duration.ofSeconds(5))
                .leaseWait(Duration.ofSeconds(5))
                .build());
    }

    @Bean
    FilterRegistrationBean<ResponseCacheFilter> responseCacheFilter(RedisCache<CachedResponse> responseCache,
            @Value("${chatapp.gateway.response-cache.ttl:5s}") Duration ttl) {
        FilterRegistrationBean<ResponseCacheFilter> registration =
                new FilterRegistrationBean<>(new ResponseCacheFilter(responseCache, ttl, Clock.systemUTC()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30); // after the token check (+20)
        return registration;
    }

    @Bean
    MeterBinder responseCacheMetrics(RedisCache<CachedResponse> responseCache) {
        return registry -> {
            counter(registry, responseCache, "hits", CacheStats::hits, "Answers served from the cache");
            counter(registry, responseCache, "misses", CacheStats::misses, "Cacheable requests the cache had nothing for");
            counter(registry, responseCache, "local-waits", CacheStats::localWaits, "Requests that shared a fetch running in this instance");
            counter(registry, responseCache, "errors", CacheStats::errors, "Redis failures and unreadable entries");
            counter(registry, responseCache, "evictions", CacheStats::evictions, "Entries removed by writes");
            FunctionTimer.builder("chatapp.redis.cache.loads", responseCache, c -> c.stats().loads(), c -> c.stats().loadTime().toNanos(),
                    TimeUnit.NANOSECONDS).tag("cache", NAME).description("Fetches from the services whose answer could be cached")
                    .register(registry);
            FunctionCounter.builder("chatapp.redis.cache.load-failures", responseCache, c -> c.stats().loadFailures()).tag("cache", NAME)
                    .description("Fetches whose answer was not cached (errors, not found)").register(registry);
        };
    }

    private static void counter(io.micrometer.core.instrument.MeterRegistry registry, RedisCache<CachedResponse> cache, String name,
            ToLongFunction<CacheStats> count, String description) {
        FunctionCounter.builder("chatapp.redis.cache." + name, cache, c -> count.applyAsLong(c.stats())).tag("cache", NAME)
                .description(description).register(registry);
    }
}
