package org.chatapp.redis.spring.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Defaults of the stream workers started through {@link StreamWorkers}, bound to
 * {@code chatapp.redis.stream.*}; a worker's own options may still change any of them.
 */
@ConfigurationProperties(StreamProperties.PREFIX)
public class StreamProperties {

    /** Prefix of the properties. */
    public static final String PREFIX = "chatapp.redis.stream";

    /** Whether a StreamWorkers bean is made on the default Redis client; it starts no thread until a worker is started. */
    private boolean enabled = true;

    /**
     * Consumer name of the workers in their group, such as the pod's name: a stable name lets a restarted
     * worker resume its own pending entries at once; a random {@code worker-} name per worker when unset.
     */
    private String consumer;

    /** Most entries one read returns. */
    private int batchSize = 16;

    /** Handlers a worker runs at once, on threads of its own; 1 handles a stream's entries in order. */
    private int concurrency = 1;

    /** How long a read waits for new entries before the worker looks at its pending list again. */
    private Duration block = Duration.ofSeconds(1);

    /** Most deliveries of one entry; beyond it the entry goes to the dead-letter stream. */
    private int maxDeliveries = 5;

    /** How long an entry stays pending before a worker takes it over or retries it; keep it above the time a batch takes. */
    private Duration claimMinIdle = Duration.ofSeconds(30);

    /** How often a worker looks for pending entries to take over, and trims. */
    private Duration claimInterval = Duration.ofSeconds(5);

    /** Suffix of the dead-letter stream's key after the stream's key. */
    private String deadLetterSuffix = ":dead-letter";

    /** About how many entries the dead-letter stream keeps. */
    private long deadLetterMaxLength = 10000;

    /** Field of an entry that identifies it for dropping duplicates, such as a producer's event id; the entry id when unset. */
    private String dedupeField;

    /** Where a group the worker creates starts: 0 for every entry of the stream, $ for new entries only. */
    private String groupStartId = "0";

    /** Pause after a failed read, doubled after each further failure. */
    private Duration retryBackoff = Duration.ofMillis(100);

    /** Longest pause between failed reads. */
    private Duration maxRetryBackoff = Duration.ofSeconds(5);

    /** How long closing a worker lets its handlers in flight finish. */
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    /** How workers trim their stream; not at all when neither is set. */
    private final Trimming trimming = new Trimming();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getConsumer() {
        return consumer;
    }

    public void setConsumer(String consumer) {
        this.consumer = consumer;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public Duration getBlock() {
        return block;
    }

    public void setBlock(Duration block) {
        this.block = block;
    }

    public int getMaxDeliveries() {
        return maxDeliveries;
    }

    public void setMaxDeliveries(int maxDeliveries) {
        this.maxDeliveries = maxDeliveries;
    }

    public Duration getClaimMinIdle() {
        return claimMinIdle;
    }

    public void setClaimMinIdle(Duration claimMinIdle) {
        this.claimMinIdle = claimMinIdle;
    }

    public Duration getClaimInterval() {
        return claimInterval;
    }

    public void setClaimInterval(Duration claimInterval) {
        this.claimInterval = claimInterval;
    }

    public String getDeadLetterSuffix() {
        return deadLetterSuffix;
    }

    public void setDeadLetterSuffix(String deadLetterSuffix) {
        this.deadLetterSuffix = deadLetterSuffix;
    }

    public long getDeadLetterMaxLength() {
        return deadLetterMaxLength;
    }

    public void setDeadLetterMaxLength(long deadLetterMaxLength) {
        this.deadLetterMaxLength = deadLetterMaxLength;
    }

    public String getDedupeField() {
        return dedupeField;
    }

    public void setDedupeField(String dedupeField) {
        this.dedupeField = dedupeField;
    }

    public String getGroupStartId() {
        return groupStartId;
    }

    public void setGroupStartId(String groupStartId) {
        this.groupStartId = groupStartId;
    }

    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public Duration getMaxRetryBackoff() {
        return maxRetryBackoff;
    }

    public void setMaxRetryBackoff(Duration maxRetryBackoff) {
        this.maxRetryBackoff = maxRetryBackoff;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public Trimming getTrimming() {
        return trimming;
    }

    /** How workers trim their stream: to about a length, or to an age; at most one of the two. */
    public static class Trimming {

        /** About how many of the newest entries a worker keeps in its stream. */
        private Long maxLength;

        /** Age beyond which a worker removes entries from its stream. */
        private Duration maxAge;

        public Long getMaxLength() {
            return maxLength;
        }

        public void setMaxLength(Long maxLength) {
            this.maxLength = maxLength;
        }

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }
    }
}
