package org.chatapp.redis.cache;

import java.time.Duration;
import org.chatapp.redis.InvalidRedisOptionException;

/**
 * How a {@link WriteBehind} flushes its queue.
 *
 * @param consumer this instance's name in the flushing group, unique among running instances; a
 *        stable one (a pod name) resumes its own unacknowledged writes at once after a restart, null
 *        for a random one (they are then taken over after {@code claimMinIdle})
 * @param batchSize how many queued writes one read takes
 * @param claimMinIdle how long a write stays unacknowledged (its instance died or stalled) before
 *        another instance takes it over; also the pause before a failed write is retried
 * @param maxDeliveries how often a write is attempted before it moves to the dead-letter stream
 * @param shutdownTimeout how long {@link WriteBehind#close()} lets writes in flight finish
 */
public record WriteBehindOptions(String consumer, int batchSize, Duration claimMinIdle, int maxDeliveries, Duration shutdownTimeout) {

    /** A random consumer name, batches of 16, take-over after 30 s, 5 attempts, 10 s to finish on close. */
    public static final WriteBehindOptions DEFAULT = new WriteBehindOptions(null, 16, Duration.ofSeconds(30), 5, Duration.ofSeconds(10));

    /** Validates every setting, naming it and its value. */
    public WriteBehindOptions {
        if (consumer != null && consumer.isBlank()) {
            throw new InvalidRedisOptionException("writeBehind.consumer", "writeBehind.consumer must be null or a name, was '" + consumer + "'");
        }
        if (batchSize < 1) {
            throw new InvalidRedisOptionException("writeBehind.batchSize", "writeBehind.batchSize must be at least 1, was " + batchSize);
        }
        if (claimMinIdle == null || claimMinIdle.toMillis() < 1) {
            throw new InvalidRedisOptionException("writeBehind.claimMinIdle", "writeBehind.claimMinIdle must be at least 1 ms, was "
                    + claimMinIdle);
        }
        if (maxDeliveries < 1) {
            throw new InvalidRedisOptionException("writeBehind.maxDeliveries", "writeBehind.maxDeliveries must be at least 1, was "
                    + maxDeliveries);
        }
        if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
            throw new InvalidRedisOptionException("writeBehind.shutdownTimeout", "writeBehind.shutdownTimeout must be zero or positive, was "
                    + shutdownTimeout);
        }
    }

    /** Returns these options with another consumer name. */
    public WriteBehindOptions withConsumer(String consumer) {
        return new WriteBehindOptions(consumer, batchSize, claimMinIdle, maxDeliveries, shutdownTimeout);
    }

    /** Returns these options with another take-over delay. */
    public WriteBehindOptions withClaimMinIdle(Duration claimMinIdle) {
        return new WriteBehindOptions(consumer, batchSize, claimMinIdle, maxDeliveries, shutdownTimeout);
    }
}
