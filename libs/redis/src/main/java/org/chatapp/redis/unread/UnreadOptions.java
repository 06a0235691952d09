package org.chatapp.redis.unread;

import java.time.Duration;
import org.chatapp.redis.InvalidRedisOptionException;

/**
 * How {@link UnreadCounters} keeps counts.
 *
 * @param namespace the first part of every key it writes (after the service's prefix)
 * @param retention how long a user's counters are kept after the last change to any of them
 */
public record UnreadOptions(String namespace, Duration retention) {

    /** The default namespace: {@code unread}. */
    public static final String DEFAULT_NAMESPACE = "unread";

    /** The default retention: 90 days. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

    private static final Duration LONGEST_RETENTION = Duration.ofDays(365L * 1000);
    private static final int LONGEST_NAMESPACE = 64;

    /**
     * Validates the settings.
     *
     * @throws InvalidRedisOptionException naming the setting and the value when the namespace is
     *     empty, too long or holds a brace, glob character or whitespace, or the retention is below
     *     1 ms or above 1000 years
     */
    public UnreadOptions {
        if (namespace == null || namespace.isEmpty() || namespace.length() > LONGEST_NAMESPACE
                || namespace.chars().anyMatch(c -> "{}*?[]\\".indexOf(c) >= 0 || Character.isWhitespace(c))) {
            throw new InvalidRedisOptionException("unread.namespace", "unread.namespace must be 1 to " + LONGEST_NAMESPACE
                    + " characters without braces, glob characters or whitespace, was "
                    + (namespace == null ? "null" : "'" + namespace + "'"));
        }
        if (retention == null || retention.compareTo(Duration.ofMillis(1)) < 0 || retention.compareTo(LONGEST_RETENTION) > 0) {
            throw new InvalidRedisOptionException("unread.retention", "unread.retention must be from 1 ms to 1000 years, was " + retention);
        }
    }

    /** Returns the defaults: namespace {@code unread}, kept 90 days after the last change. */
    public static UnreadOptions defaults() {
        return new UnreadOptions(DEFAULT_NAMESPACE, DEFAULT_RETENTION);
    }

    /** Returns a copy with another namespace. */
    public UnreadOptions withNamespace(String newNamespace) {
        return new UnreadOptions(newNamespace, retention);
    }

    /** Returns a copy with another retention. */
    public UnreadOptions withRetention(Duration newRetention) {
        return new UnreadOptions(namespace, newRetention);
    }
}
