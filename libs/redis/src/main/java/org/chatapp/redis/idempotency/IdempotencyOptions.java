package org.chatapp.redis.idempotency;

import java.time.Duration;
import org.chatapp.redis.InvalidRedisOptionException;

/**
 * How {@link Idempotency} claims keys and keeps results.
 *
 * @param namespace the first part of every key it writes (after the service's prefix)
 * @param lease how long a caller may take to run the operation: its claim on the key lapses after
 *     that, so a caller that died mid-way does not block the key for the whole TTL, and an operation
 *     that takes longer may run a second time
 * @param maxResultBytes the largest result (UTF-8) kept
 */
public record IdempotencyOptions(String namespace, Duration lease, int maxResultBytes) {

    /** The default namespace: {@code idempotency}. */
    public static final String DEFAULT_NAMESPACE = "idempotency";

    /** The default lease: 60 seconds. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

    /** The default result limit: 64 KiB. */
    public static final int DEFAULT_MAX_RESULT_BYTES = 64 * 1024;

    /** The largest result limit: 16 MiB. */
    public static final int LARGEST_MAX_RESULT_BYTES = 16 * 1024 * 1024;

    private static final Duration LONGEST_LEASE = Duration.ofDays(1);
    private static final int LONGEST_NAMESPACE = 64;

    /**
     * Validates the settings.
     *
     * @throws InvalidRedisOptionException naming the setting and the value when the namespace is
     *     empty, too long or holds a brace, glob character or whitespace, the lease is below 1 ms or
     *     above a day, or the result limit is below 1 or above 16 MiB
     */
    public IdempotencyOptions {
        if (namespace == null || namespace.isEmpty() || namespace.length() > LONGEST_NAMESPACE
                || namespace.chars().anyMatch(c -> "{}*?[]\\".indexOf(c) >= 0 || Character.isWhitespace(c))) {
            throw new InvalidRedisOptionException("idempotency.namespace", "idempotency.namespace must be 1 to " + LONGEST_NAMESPACE
                    + " characters without braces, glob characters or whitespace, was "
                    + (namespace == null ? "null" : "'" + namespace + "'"));
        }
        if (lease == null || lease.compareTo(Duration.ofMillis(1)) < 0 || lease.compareTo(LONGEST_LEASE) > 0) {
            throw new InvalidRedisOptionException("idempotency.lease", "idempotency.lease must be from 1 ms to 1 day, was " + lease);
        }
        if (maxResultBytes < 1 || maxResultBytes > LARGEST_MAX_RESULT_BYTES) {
            throw new InvalidRedisOptionException("idempotency.maxResultBytes", "idempotency.maxResultBytes must be from 1 to "
                    + LARGEST_MAX_RESULT_BYTES + ", was " + maxResultBytes);
        }
    }

    /** Returns the defaults: namespace {@code idempotency}, a 60 s lease, 64 KiB results. */
    public static IdempotencyOptions defaults() {
        return new IdempotencyOptions(DEFAULT_NAMESPACE, DEFAULT_LEASE, DEFAULT_MAX_RESULT_BYTES);
    }

    /** Returns a copy with another namespace. */
    public IdempotencyOptions withNamespace(String newNamespace) {
        return new IdempotencyOptions(newNamespace, lease, maxResultBytes);
    }

    /** Returns a copy with another lease. */
    public IdempotencyOptions withLease(Duration newLease) {
        return new IdempotencyOptions(namespace, newLease, maxResultBytes);
    }

    /** Returns a copy with another result limit. */
    public IdempotencyOptions withMaxResultBytes(int newMaxResultBytes) {
        return new IdempotencyOptions(namespace, lease, newMaxResultBytes);
    }
}
