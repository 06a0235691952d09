package org.chatapp.redis.presence;

import java.time.Duration;
import org.chatapp.redis.InvalidRedisOptionException;

/**
 * How {@link Presence} keeps heartbeats, last-seen times and typing indicators.
 *
 * @param namespace the first part of every key it writes (after the service's prefix)
 * @param connectionTtl how long a connection counts as online after its last heartbeat; send
 *     heartbeats two or three times within it
 * @param lastSeenRetention how long a user's last-seen time is kept after their last heartbeat or
 *     disconnect; at least {@code connectionTtl}
 * @param typingTtl how long a typing indicator lasts unless renewed
 */
public record PresenceOptions(String namespace, Duration connectionTtl, Duration lastSeenRetention, Duration typingTtl) {

    /** The default namespace: {@code presence}. */
    public static final String DEFAULT_NAMESPACE = "presence";

    /** The default connection TTL: 60 seconds (a heartbeat every 20 seconds or so). */
    public static final Duration DEFAULT_CONNECTION_TTL = Duration.ofSeconds(60);

    /** The default last-seen retention: 30 days. */
    public static final Duration DEFAULT_LAST_SEEN_RETENTION = Duration.ofDays(30);

    /** The default typing TTL: 5 seconds. */
    public static final Duration DEFAULT_TYPING_TTL = Duration.ofSeconds(5);

    private static final Duration LONGEST_TTL = Duration.ofDays(365L * 1000);
    private static final int LONGEST_NAMESPACE = 64;

    /**
     * Validates the settings.
     *
     * @throws InvalidRedisOptionException naming the setting and the value when the namespace is
     *     empty, too long or holds a brace, glob character or whitespace, a duration is below 1 ms or
     *     above 1000 years, or the retention is shorter than the connection TTL
     */
    public PresenceOptions {
        if (namespace == null || namespace.isEmpty() || namespace.length() > LONGEST_NAMESPACE
                || namespace.chars().anyMatch(c -> "{}*?[]\\".indexOf(c) >= 0 || Character.isWhitespace(c))) {
            throw new InvalidRedisOptionException("presence.namespace", "presence.namespace must be 1 to " + LONGEST_NAMESPACE
                    + " characters without braces, glob characters or whitespace, was "
                    + (namespace == null ? "null" : "'" + namespace + "'"));
        }
        requireTtl("presence.connectionTtl", connectionTtl);
        requireTtl("presence.lastSeenRetention", lastSeenRetention);
        requireTtl("presence.typingTtl", typingTtl);
        if (lastSeenRetention.compareTo(connectionTtl) < 0) {
            throw new InvalidRedisOptionException("presence.lastSeenRetention", "presence.lastSeenRetention must be at least "
                    + "presence.connectionTtl (" + connectionTtl + "), was " + lastSeenRetention);
        }
    }

    /** Returns the defaults: namespace {@code presence}, 60 s connections, 30 days of last-seen, 5 s typing. */
    public static PresenceOptions defaults() {
        return new PresenceOptions(DEFAULT_NAMESPACE, DEFAULT_CONNECTION_TTL, DEFAULT_LAST_SEEN_RETENTION, DEFAULT_TYPING_TTL);
    }

    /** Returns a copy with another namespace. */
    public PresenceOptions withNamespace(String newNamespace) {
        return new PresenceOptions(newNamespace, connectionTtl, lastSeenRetention, typingTtl);
    }

    /** Returns a copy with another connection TTL. */
    public PresenceOptions withConnectionTtl(Duration newConnectionTtl) {
        return new PresenceOptions(namespace, newConnectionTtl, lastSeenRetention, typingTtl);
    }

    /** Returns a copy with another last-seen retention. */
    public PresenceOptions withLastSeenRetention(Duration newRetention) {
        return new PresenceOptions(namespace, connectionTtl, newRetention, typingTtl);
    }

    /** Returns a copy with another typing TTL. */
    public PresenceOptions withTypingTtl(Duration newTypingTtl) {
        return new PresenceOptions(namespace, connectionTtl, lastSeenRetention, newTypingTtl);
    }

    private static void requireTtl(String setting, Duration ttl) {
        if (ttl == null || ttl.compareTo(Duration.ofMillis(1)) < 0 || ttl.compareTo(LONGEST_TTL) > 0) {
            throw new InvalidRedisOptionException(setting, setting + " must be from 1 ms to 1000 years, was " + ttl);
        }
    }
}
