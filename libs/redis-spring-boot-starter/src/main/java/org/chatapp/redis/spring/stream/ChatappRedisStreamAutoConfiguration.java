package org.chatapp.redis.spring.stream;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToLongFunction;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.spring.ChatappRedisAutoConfiguration;
import org.chatapp.redis.stream.StreamWorker;
import org.chatapp.redis.stream.StreamWorkerStats;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link StreamWorkers} on the default Redis client, bound to {@code chatapp.redis.stream.*}: no
 * worker runs until the application starts one with its handler. The counts of the workers it
 * started become Micrometer meters tagged {@code stream} and {@code group} when Micrometer is
 * present ({@code chatapp.redis.stream.delivered}, {@code .acked}, {@code .failed}, ...,
 * {@code chatapp.redis.stream.workers}). Closed, with every worker still running, before the client.
 */
@AutoConfiguration(after = ChatappRedisAutoConfiguration.class)
@ConditionalOnClass(StreamWorker.class)
@ConditionalOnSingleCandidate(RedisService.class)
@ConditionalOnBooleanProperty(name = StreamProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(StreamProperties.class)
public final class ChatappRedisStreamAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    StreamWorkers streamWorkers(RedisService redis, StreamProperties properties) {
        return new DefaultStreamWorkers(redis, StreamDefaults.of(properties));
    }

    /** The workers' counts as meters, only with Micrometer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class StreamMetricsConfiguration {

        @Bean
        MeterBinder redisStreamWorkerMetrics(StreamWorkers workers) {
            return registry -> {
                if (workers instanceof DefaultStreamWorkers ours) {
                    // Workers start after the registry is bound, so each group's meters come with its first worker.
                    ours.onEveryGroup(tally -> register(registry, tally));
                }
            };
        }

        private static void register(MeterRegistry registry, DefaultStreamWorkers.GroupTally tally) {
            Tags tags = Tags.of("stream", tally.stream(), "group", tally.group());
            counter(registry, tally, tags, "delivered", StreamWorkerStats::delivered, "Entries handed to a handler, redeliveries included");
            counter(registry, tally, tags, "acked", StreamWorkerStats::acked, "Entries acknowledged after their handler returned");
            counter(registry, tally, tags, "failed", StreamWorkerStats::failed, "Deliveries whose handler threw");
            counter(registry, tally, tags, "retried", StreamWorkerStats::retried, "Deliveries of an entry delivered before");
            counter(registry, tally, tags, "claimed", StreamWorkerStats::claimed, "Entries taken over from the pending list");
            counter(registry, tally, tags, "recovered", StreamWorkerStats::recovered, "Entries read back from the consumer's own pending list");
            counter(registry, tally, tags, "dead-lettered", StreamWorkerStats::deadLettered, "Entries moved to the dead-letter stream");
            counter(registry, tally, tags, "deleted-before-handled", StreamWorkerStats::deletedBeforeHandled,
                    "Pending entries trimmed away before they were handled");
            counter(registry, tally, tags, "read-failures", StreamWorkerStats::readFailures,
                    "Reads, claims and group creations that failed");
            Gauge.builder("chatapp.redis.stream.workers", tally, DefaultStreamWorkers.GroupTally::runningCount)
                    .tags(tags).description("Workers running now").register(registry);
        }

        private static void counter(MeterRegistry registry, DefaultStreamWorkers.GroupTally tally, Tags tags, String name,
                ToLongFunction<StreamWorkerStats> count, String description) {
            FunctionCounter.builder("chatapp.redis.stream." + name, tally, t -> count.applyAsLong(t.total()))
                    .tags(tags).description(description).register(registry);
        }
    }
}
