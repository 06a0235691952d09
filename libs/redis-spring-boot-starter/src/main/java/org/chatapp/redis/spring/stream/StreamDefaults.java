package org.chatapp.redis.spring.stream;

import java.time.Duration;
import java.util.List;
import org.chatapp.redis.InvalidRedisOptionException;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.chatapp.redis.stream.StreamTrimming;
import org.chatapp.redis.stream.StreamWorkerOptions;

/**
 * The {@code chatapp.redis.stream.*} values, each applied to a worker's options builder by the
 * property that holds it. The library names an invalid setting only in its message, so the
 * properties are checked one at a time on top of the library's defaults: the first one the library
 * rejects is the property named, without reading any message.
 */
final class StreamDefaults {

    /** A stream and group that are valid, for checking the other settings before any worker exists. */
    private static final String CHECKED_STREAM = "stream";
    private static final String CHECKED_GROUP = "group";

    /** One property and how it sets its value on a builder for a stream. */
    private record Setting(String property, Applier applier) {
    }

    @FunctionalInterface
    private interface Applier {
        void apply(StreamWorkerOptions.Builder builder, String stream);
    }

    private final List<Setting> settings;

    private StreamDefaults(List<Setting> settings) {
        this.settings = settings;
    }

    /**
     * Returns the defaults of the properties, their values copied.
     *
     * @throws InvalidRedisPropertiesException naming the first property whose value the library rejects
     */
    static StreamDefaults of(StreamProperties properties) {
        String consumer = properties.getConsumer();
        int batchSize = properties.getBatchSize();
        int concurrency = properties.getConcurrency();
        Duration block = properties.getBlock();
        int maxDeliveries = properties.getMaxDeliveries();
        Duration claimMinIdle = properties.getClaimMinIdle();
        Duration claimInterval = properties.getClaimInterval();
        String deadLetterSuffix = properties.getDeadLetterSuffix();
        long deadLetterMaxLength = properties.getDeadLetterMaxLength();
        String dedupeField = properties.getDedupeField();
        String groupStartId = properties.getGroupStartId();
        Duration retryBackoff = properties.getRetryBackoff();
        Duration maxRetryBackoff = properties.getMaxRetryBackoff();
        Duration shutdownTimeout = properties.getShutdownTimeout();
        Long trimLength = properties.getTrimming().getMaxLength();
        Duration trimAge = properties.getTrimming().getMaxAge();
        StreamDefaults defaults = new StreamDefaults(List.of(
                new Setting("consumer", (builder, stream) -> {
                    if (consumer != null) {
                        builder.consumer(consumer);
                    }
                }),
                new Setting("batch-size", (builder, stream) -> builder.batchSize(batchSize)),
                new Setting("concurrency", (builder, stream) -> builder.concurrency(concurrency)),
                new Setting("block", (builder, stream) -> builder.block(block)),
                new Setting("max-deliveries", (builder, stream) -> builder.maxDeliveries(maxDeliveries)),
                new Setting("claim-min-idle", (builder, stream) -> builder.claimMinIdle(claimMinIdle)),
                new Setting("claim-interval", (builder, stream) -> builder.claimInterval(claimInterval)),
                new Setting("dead-letter-suffix", (builder, stream) -> {
                    if (stream != null && !stream.isEmpty()) {
                        builder.deadLetterStream(stream + (deadLetterSuffix == null ? "" : deadLetterSuffix));
                    }
                }),
                new Setting("dead-letter-max-length", (builder, stream) -> builder.deadLetterMaxLength(deadLetterMaxLength)),
                new Setting("dedupe-field", (builder, stream) -> builder.dedupeField(dedupeField)),
                new Setting("group-start-id", (builder, stream) -> builder.groupStartId(groupStartId)),
                // Alone, the first pause is checked against a ceiling it cannot be above; the pair is
                // checked by max-retry-backoff, which the library's rule is about.
                new Setting("retry-backoff", (builder, stream) -> builder.retryBackoff(retryBackoff,
                        retryBackoff == null || retryBackoff.compareTo(StreamWorkerOptions.DEFAULT_MAX_RETRY_BACKOFF) < 0
                                ? StreamWorkerOptions.DEFAULT_MAX_RETRY_BACKOFF : retryBackoff)),
                new Setting("max-retry-backoff", (builder, stream) -> builder.retryBackoff(retryBackoff, maxRetryBackoff)),
                new Setting("shutdown-timeout", (builder, stream) -> builder.shutdownTimeout(shutdownTimeout)),
                new Setting("trimming.max-length", (builder, stream) -> {
                    if (trimLength != null) {
                        builder.trimming(StreamTrimming.maxLength(trimLength));
                    }
                }),
                new Setting("trimming.max-age", (builder, stream) -> {
                    if (trimAge != null) {
                        if (trimLength != null) {
                            throw new IllegalArgumentException("trimming.max-age and trimming.max-length exclude each other; set one");
                        }
                        builder.trimming(StreamTrimming.maxAge(trimAge));
                    }
                })));
        defaults.check();
        return defaults;
    }

    /**
     * Returns a builder for a worker of {@code group} on {@code stream} with every default applied.
     * A null or empty stream or group is left for the builder's {@code build()} to reject.
     */
    StreamWorkerOptions.Builder builder(String stream, String group) {
        StreamWorkerOptions.Builder builder = StreamWorkerOptions.builder(stream, group);
        settings.forEach(setting -> setting.applier().apply(builder, stream));
        return builder;
    }

    /** Applies each property alone, on top of the library's defaults, and builds. */
    private void check() {
        for (Setting setting : settings) {
            try {
                StreamWorkerOptions.Builder builder = StreamWorkerOptions.builder(CHECKED_STREAM, CHECKED_GROUP);
                setting.applier().apply(builder, CHECKED_STREAM);
                builder.build();
            } catch (IllegalArgumentException e) {
                throw InvalidRedisPropertiesException.forSetting(StreamProperties.PREFIX,
                        new InvalidRedisOptionException(setting.property(), e.getMessage(), e));
            }
        }
    }
}
