package org.chatapp.redis.session;

import java.time.Duration;
import org.chatapp.redis.InvalidRedisOptionException;

/**
 * How a {@link SessionStore} keeps sessions: under which key namespace, for how long without use,
 * how large a payload may be, and whether payloads are encrypted.
 *
 * @param namespace the first part of every key the store writes (after the service's prefix)
 * @param ttl how long a session lives after it was created or last touched (the sliding TTL)
 * @param maxPayloadBytes the largest encoded payload accepted, before encryption
 * @param keyring the AES-GCM keys payloads are encrypted with, or null to store them as the codec
 *     writes them
 */
public record SessionStoreOptions(String namespace, Duration ttl, int maxPayloadBytes, SessionKeyring keyring) {

    /** The default namespace: {@code session}. */
    public static final String DEFAULT_NAMESPACE = "session";

    /** The default sliding TTL: one hour. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    /** The default payload limit: 64 KiB. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

    /** The largest payload limit: 16 MiB, far beyond what a session should hold. */
    public static final int LARGEST_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

    private static final Duration LONGEST_TTL = Duration.ofDays(365L * 1000);
    private static final int LONGEST_NAMESPACE = 64;

    /**
     * Validates the settings.
     *
     * @throws InvalidRedisOptionException naming the setting and the value when the namespace is
     *     empty, longer than 64 characters or holds a brace, whitespace or glob character, the TTL is
     *     below 1 ms or above 1000 years, or the payload limit is below 1 or above 16 MiB
     */
    public SessionStoreOptions {
        requireNamespace("session.namespace", namespace);
        if (ttl == null || ttl.compareTo(Duration.ofMillis(1)) < 0 || ttl.compareTo(LONGEST_TTL) > 0) {
            throw new InvalidRedisOptionException("session.ttl", "session.ttl must be from 1 ms to 1000 years, was " + ttl);
        }
        if (maxPayloadBytes < 1 || maxPayloadBytes > LARGEST_MAX_PAYLOAD_BYTES) {
            throw new InvalidRedisOptionException("session.maxPayloadBytes",
                    "session.maxPayloadBytes must be from 1 to " + LARGEST_MAX_PAYLOAD_BYTES + ", was " + maxPayloadBytes);
        }
    }

    /** Returns the defaults: namespace {@code session}, one hour sliding TTL, 64 KiB payloads, no encryption. */
    public static SessionStoreOptions defaults() {
        return new SessionStoreOptions(DEFAULT_NAMESPACE, DEFAULT_TTL, DEFAULT_MAX_PAYLOAD_BYTES, null);
    }

    /** Returns a copy with another namespace. */
    public SessionStoreOptions withNamespace(String newNamespace) {
        return new SessionStoreOptions(newNamespace, ttl, maxPayloadBytes, keyring);
    }

    /** Returns a copy with another sliding TTL. */
    public SessionStoreOptions withTtl(Duration newTtl) {
        return new SessionStoreOptions(namespace, newTtl, maxPayloadBytes, keyring);
    }

    /** Returns a copy with another payload limit. */
    public SessionStoreOptions withMaxPayloadBytes(int newMaxPayloadBytes) {
        return new SessionStoreOptions(namespace, ttl, newMaxPayloadBytes, keyring);
    }

    /** Returns a copy that encrypts payloads with the keyring's current key (null turns encryption off). */
    public SessionStoreOptions withKeyring(SessionKeyring newKeyring) {
        return new SessionStoreOptions(namespace, ttl, maxPayloadBytes, newKeyring);
    }

    /** Returns whether payloads are encrypted. */
    public boolean encrypted() {
        return keyring != null;
    }

    static void requireNamespace(String setting, String namespace) {
        if (namespace == null || namespace.isEmpty() || namespace.length() > LONGEST_NAMESPACE
                || namespace.chars().anyMatch(c -> "{}*?[]\\".indexOf(c) >= 0 || Character.isWhitespace(c))) {
            throw new InvalidRedisOptionException(setting, setting + " must be 1 to " + LONGEST_NAMESPACE
                    + " characters without braces, glob characters or whitespace, was "
                    + (namespace == null ? "null" : "'" + namespace + "'"));
        }
    }
}
