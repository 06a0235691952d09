package org.chatapp.redis.stream;

import java.time.Duration;

/** The pause after failures in a row: the first pause, doubled after each further failure, up to a ceiling. */
final class RetryBackoff {

    /** Beyond this many doublings every pause is the ceiling anyway; the cap keeps the shift from overflowing. */
    private static final int MAX_DOUBLINGS = 30;

    private final Duration first;
    private final Duration longest;

    RetryBackoff(Duration first, Duration longest) {
        this.first = first;
        this.longest = longest;
    }

    /**
     * Returns the pause after {@code failures} failures in a row.
     *
     * @throws IllegalArgumentException when failures is below 1
     */
    Duration delay(long failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, was " + failures);
        }
        long doublings = Math.min(failures - 1, MAX_DOUBLINGS);
        long firstNanos = first.toNanos();
        long longestNanos = longest.toNanos();
        if (firstNanos > longestNanos >> doublings) {
            return longest;
        }
        return Duration.ofNanos(firstNanos << doublings);
    }
}
