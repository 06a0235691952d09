package org.chatapp.redis.spring;

import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics for every Redis client, only when Micrometer is present: command latency
 * timers ({@code lettuce.command.completion}, {@code lettuce.command.firstresponse}), and the counters
 * {@code chatapp.redis.reconnect.attempts} and {@code chatapp.redis.topology.changes}, all tagged with
 * {@code client}, the timers also with {@code command}. No meter is tagged with a node address, so
 * their number does not grow as cluster nodes come and go. Meters of other features (cache
 * statistics) join under the same tag.
 */
@AutoConfiguration(before = ChatappRedisAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
public final class ChatappRedisMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "redisCommandLatencyMetrics")
    RedisClientCustomizer redisCommandLatencyMetrics(ObjectProvider<MeterRegistry> registry) {
        return new RedisClientCustomizer() {
            @Override
            public void customizeResources(String clientName, ClientResources.Builder resources) {
                MeterRegistry meters = registry.getIfAvailable();
                if (meters != null) {
                    resources.commandLatencyRecorder(new CommandLatencyTimers(meters, clientName));
                }
            }
        };
    }

    @Bean
    static RedisMetrics redisConnectionMetrics(ObjectProvider<MeterRegistry> registry) {
        return new RedisMetrics(registry);
    }
}
