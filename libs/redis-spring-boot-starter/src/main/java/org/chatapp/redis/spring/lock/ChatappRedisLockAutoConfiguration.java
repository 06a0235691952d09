package org.chatapp.redis.spring.lock;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.chatapp.redis.InvalidRedisOptionException;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.lock.LockOptions;
import org.chatapp.redis.lock.RedisLocks;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link RedisLocks} on the default Redis client, bound to {@code chatapp.redis.lock.*}, with its
 * counts as Micrometer meters ({@code chatapp.redis.lock.acquired}, {@code .not-acquired},
 * {@code .lost}, {@code .held}) when Micrometer is present. Closed before the client.
 */
@AutoConfiguration(after = ChatappRedisAutoConfiguration.class)
@ConditionalOnClass(RedisLocks.class)
@ConditionalOnSingleCandidate(RedisService.class)
@ConditionalOnBooleanProperty(name = LockProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(LockProperties.class)
public final class ChatappRedisLockAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RedisLocks redisLocks(RedisService redis, LockProperties properties) {
        return RedisLocks.create(redis, options(properties));
    }

    static LockOptions options(LockProperties properties) {
        try {
            return new LockOptions(properties.getLeaseTime(),
                    properties.getRenewEvery() != null || properties.getLeaseTime() == null
                            ? properties.getRenewEvery() : properties.getLeaseTime().dividedBy(3),
                    properties.getDefaultWait(), properties.getReplicas(), properties.getReplicaTimeout());
        } catch (InvalidRedisOptionException e) {
            throw InvalidRedisPropertiesException.forSetting(LockProperties.PREFIX, e);
        }
    }

    /** The lock counts as meters, only with Micrometer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class LockMetricsConfiguration {

        @Bean
        MeterBinder redisLockMetrics(RedisLocks locks) {
            return registry -> {
                FunctionCounter.builder("chatapp.redis.lock.acquired", locks, l -> l.stats().acquired())
                        .description("Lock acquisitions granted").register(registry);
                FunctionCounter.builder("chatapp.redis.lock.not-acquired", locks, l -> l.stats().notAcquired())
                        .description("Lock waits that gave up").register(registry);
                FunctionCounter.builder("chatapp.redis.lock.lost", locks, l -> l.stats().lost())
                        .description("Leases found taken by another holder").register(registry);
                Gauge.builder("chatapp.redis.lock.held", locks, l -> l.stats().held())
                        .description("Locks held now").register(registry);
            };
        }
    }
}
