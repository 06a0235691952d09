package org.chatapp.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/** Encodes values and checks arguments shared by the service and its views. */
final class Values {

    private Values() {
    }

    static byte[] encode(String value) {
        return Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(byte[] value) {
        return Objects.requireNonNull(value, "value");
    }

    static String decode(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * Checks a time to live: Redis counts in milliseconds, and a zero or negative TTL would delete
     * the key or be rejected, which the seed silently turned into "no TTL".
     *
     * @throws IllegalArgumentException when the TTL is null or below one millisecond
     */
    static Duration ttl(Duration ttl) {
        if (ttl == null || ttl.toMillis() < 1) {
            throw new IllegalArgumentException("ttl must be at least 1 ms, was " + ttl);
        }
        return ttl;
    }
}
