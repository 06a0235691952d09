package org.chatapp.redis.stream;

import java.time.Duration;
import java.util.UUID;
import org.chatapp.redis.InvalidRedisOptionException;

/**
 * What a {@link StreamWorker} reads and how: its stream, group and consumer name, batches,
 * redelivery, dead letters, trimming and retries. Built with {@link #builder(String, String)};
 * every setting is checked when the options are made, naming the setting and the value.
 *
 * @param stream the stream key, as the caller names it (the service adds its prefix)
 * @param group the consumer group; created (with the stream) from {@code groupStartId} when missing
 * @param consumer this worker's name in the group, unique among the workers that run at the same
 *        time; a stable name (a pod name) lets a restarted worker resume its own pending entries at
 *        once, where a new name leaves them to be claimed after {@code claimMinIdle}
 * @param batchSize how many entries one read returns at most; the next read waits until every
 *        entry of the batch has been handled
 * @param concurrency how many handlers run at once, on threads of the worker
 * @param block how long a read waits for new entries before the worker looks at its pending list
 *        and trimming again
 * @param maxDeliveries how many times an entry is delivered at most; a delivery beyond it, or a
 *        failure of the last one, moves it to the dead-letter stream
 * @param claimMinIdle how long an entry stays pending (with a dead, stalled or failed consumer)
 *        before a worker takes it over; also the delay before a failed entry is retried. Keep it
 *        above the time a batch takes, or entries still being handled are delivered twice
 * @param claimInterval how often the worker looks for such entries, and trims
 * @param deadLetterStream where entries go after {@code maxDeliveries}; give it the stream's hash tag
 *        in a cluster so that the move is atomic (see {@link StreamWorker})
 * @param deadLetterMaxLength about how many entries the dead-letter stream keeps ({@code MAXLEN ~})
 * @param trimming how the worker trims the stream
 * @param dedupeField the field whose value is {@link StreamDelivery#dedupeKey()}, such as a producer's
 *        event id; null for the entry id
 * @param groupStartId where a group created by the worker starts: {@code 0} for every entry in
 *        the stream, {@code $} for entries added after its creation only
 * @param retryBackoff the pause after a failed read, doubled after each further failure
 * @param maxRetryBackoff the longest pause between failed reads
 * @param shutdownTimeout how long {@link StreamWorker#close()} lets handlers in flight finish
 */
public record StreamWorkerOptions(String stream, String group, String consumer, int batchSize, int concurrency,
        Duration block, int maxDeliveries, Duration claimMinIdle, Duration claimInterval, String deadLetterStream,
        long deadLetterMaxLength, StreamTrimming trimming, String dedupeField, String groupStartId,
        Duration retryBackoff, Duration maxRetryBackoff, Duration shutdownTimeout) {

    /** The default batch: 16 entries. */
    public static final int DEFAULT_BATCH_SIZE = 16;
    /** The default concurrency: 1 handler at a time, so a worker handles its entries in order. */
    public static final int DEFAULT_CONCURRENCY = 1;
    /** The default read wait: 1 second. */
    public static final Duration DEFAULT_BLOCK = Duration.ofSeconds(1);
    /** The default delivery limit: 5. */
    public static final int DEFAULT_MAX_DELIVERIES = 5;
    /** The default idle time before an entry is taken over or retried: 30 seconds. */
    public static final Duration DEFAULT_CLAIM_MIN_IDLE = Duration.ofSeconds(30);
    /** The default interval between looks at the pending list: 5 seconds. */
    public static final Duration DEFAULT_CLAIM_INTERVAL = Duration.ofSeconds(5);
    /** The default dead-letter stream: the stream's key followed by this suffix. */
    public static final String DEFAULT_DEAD_LETTER_SUFFIX = ":dead-letter";
    /** The default length of the dead-letter stream: about 10,000 entries. */
    public static final long DEFAULT_DEAD_LETTER_MAX_LENGTH = 10_000;
    /** The default start of a group the worker creates: the first entry of the stream. */
    public static final String DEFAULT_GROUP_START_ID = "0";
    /** The default first pause after a failed read: 100 ms. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(100);
    /** The default longest pause between failed reads: 5 seconds. */
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(5);
    /** The default time handlers in flight get to finish on close: 10 seconds. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Validates every setting.
     *
     * @throws InvalidRedisOptionException naming the setting and its value when one is missing or out of range
     */
    public StreamWorkerOptions {
        requireName("stream", stream);
        requireName("group", group);
        requireName("consumer", consumer);
        requireAtLeastOne("batchSize", batchSize);
        requireAtLeastOne("concurrency", concurrency);
        requireAtLeastOneMilli("block", block);
        requireAtLeastOne("maxDeliveries", maxDeliveries);
        requireAtLeastOneMilli("claimMinIdle", claimMinIdle);
        requireAtLeastOneMilli("claimInterval", claimInterval);
        requireName("deadLetterStream", deadLetterStream);
        if (deadLetterStream.equals(stream)) {
            throw new InvalidRedisOptionException("deadLetterStream", "deadLetterStream must differ from the stream, was '" + deadLetterStream + "'");
        }
        if (deadLetterMaxLength < 1) {
            throw new InvalidRedisOptionException("deadLetterMaxLength", "deadLetterMaxLength must be at least 1, was " + deadLetterMaxLength);
        }
        if (trimming == null) {
            throw new InvalidRedisOptionException("trimming", "trimming must not be null; use StreamTrimming.none()");
        }
        if (dedupeField != null && dedupeField.isEmpty()) {
            throw new InvalidRedisOptionException("dedupeField", "dedupeField must be null (the entry id) or a field name, was ''");
        }
        if (groupStartId == null || groupStartId.isBlank()) {
            throw new InvalidRedisOptionException("groupStartId", "groupStartId must be a stream id, '0' or '$', was "
                    + (groupStartId == null ? "null" : "'" + groupStartId + "'"));
        }
        requireAtLeastOneMilli("retryBackoff", retryBackoff);
        requireAtLeastOneMilli("maxRetryBackoff", maxRetryBackoff);
        if (maxRetryBackoff.compareTo(retryBackoff) < 0) {
            throw new InvalidRedisOptionException("maxRetryBackoff", "maxRetryBackoff must be at least retryBackoff (" + retryBackoff + "), was "
                    + maxRetryBackoff);
        }
        if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
            throw new InvalidRedisOptionException("shutdownTimeout", "shutdownTimeout must be zero or positive, was " + shutdownTimeout);
        }
    }

    /**
     * Returns a builder for a worker of {@code group} on {@code stream}, with every other setting at
     * its default and a consumer name of its own ({@code worker-} and a random part).
     */
    public static Builder builder(String stream, String group) {
        return new Builder(stream, group);
    }

    private static void requireName(String setting, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRedisOptionException(setting, setting + " must not be empty, was " + (value == null ? "null" : "''"));
        }
    }

    private static void requireAtLeastOne(String setting, long value) {
        if (value < 1) {
            throw new InvalidRedisOptionException(setting, setting + " must be at least 1, was " + value);
        }
    }

    private static void requireAtLeastOneMilli(String setting, Duration value) {
        if (value == null || value.toMillis() < 1) {
            throw new InvalidRedisOptionException(setting, setting + " must be at least 1 ms, was " + value);
        }
    }

    /** Collects settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private final String stream;
        private final String group;
        private String consumer = "worker-" + UUID.randomUUID().toString().substring(0, 8);
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int concurrency = DEFAULT_CONCURRENCY;
        private Duration block = DEFAULT_BLOCK;
        private int maxDeliveries = DEFAULT_MAX_DELIVERIES;
        private Duration claimMinIdle = DEFAULT_CLAIM_MIN_IDLE;
        private Duration claimInterval = DEFAULT_CLAIM_INTERVAL;
        private String deadLetterStream;
        private long deadLetterMaxLength = DEFAULT_DEAD_LETTER_MAX_LENGTH;
        private StreamTrimming trimming = StreamTrimming.none();
        private String dedupeField;
        private String groupStartId = DEFAULT_GROUP_START_ID;
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
        private Duration maxRetryBackoff = DEFAULT_MAX_RETRY_BACKOFF;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

        private Builder(String stream, String group) {
            this.stream = stream;
            this.group = group;
        }

        /** Sets this worker's consumer name (see {@link StreamWorkerOptions#consumer()}). */
        public Builder consumer(String consumer) {
            this.consumer = consumer;
            return this;
        }

        /** Sets how many entries one read returns at most. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Sets how many handlers run at once. */
        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        /** Sets how long a read waits for new entries. */
        public Builder block(Duration block) {
            this.block = block;
            return this;
        }

        /** Sets how many times an entry is delivered before it goes to the dead-letter stream. */
        public Builder maxDeliveries(int maxDeliveries) {
            this.maxDeliveries = maxDeliveries;
            return this;
        }

        /** Sets how long an entry stays pending before it is taken over or retried. */
        public Builder claimMinIdle(Duration claimMinIdle) {
            this.claimMinIdle = claimMinIdle;
            return this;
        }

        /** Sets how often the worker looks for entries to take over, and trims. */
        public Builder claimInterval(Duration claimInterval) {
            this.claimInterval = claimInterval;
            return this;
        }

        /** Sets the dead-letter stream (default: the stream's key followed by {@value #DEFAULT_DEAD_LETTER_SUFFIX}). */
        public Builder deadLetterStream(String deadLetterStream) {
            this.deadLetterStream = deadLetterStream;
            return this;
        }

        /** Sets about how many entries the dead-letter stream keeps. */
        public Builder deadLetterMaxLength(long deadLetterMaxLength) {
            this.deadLetterMaxLength = deadLetterMaxLength;
            return this;
        }

        /** Sets how the worker trims the stream. */
        public Builder trimming(StreamTrimming trimming) {
            this.trimming = trimming;
            return this;
        }

        /** Sets the field that identifies an entry for dropping duplicates; null for the entry id. */
        public Builder dedupeField(String dedupeField) {
            this.dedupeField = dedupeField;
            return this;
        }

        /** Sets where a group created by the worker starts ({@code 0} or {@code $}). */
        public Builder groupStartId(String groupStartId) {
            this.groupStartId = groupStartId;
            return this;
        }

        /** Sets the first and the longest pause after failed reads. */
        public Builder retryBackoff(Duration first, Duration longest) {
            this.retryBackoff = first;
            this.maxRetryBackoff = longest;
            return this;
        }

        /** Sets how long closing lets handlers in flight finish. */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        /**
         * Returns the options.
         *
         * @throws InvalidRedisOptionException naming the first setting that is missing or out of range
         */
        public StreamWorkerOptions build() {
            String deadLetters = deadLetterStream != null ? deadLetterStream
                    : stream == null || stream.isEmpty() ? null : stream + DEFAULT_DEAD_LETTER_SUFFIX;
            return new StreamWorkerOptions(stream, group, consumer, batchSize, concurrency, block, maxDeliveries,
                    claimMinIdle, claimInterval, deadLetters, deadLetterMaxLength, trimming, dedupeField, groupStartId,
                    retryBackoff, maxRetryBackoff, shutdownTimeout);
        }
    }
}
