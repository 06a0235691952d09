package org.chatapp.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Encodes values and checks arguments shared by the service and its views. */
final class Values {

    private static final Duration ONE_MILLISECOND = Duration.ofMillis(1);
    /** Far beyond any real use, and far below where Redis's millisecond clock arithmetic overflows. */
    private static final Duration LONGEST_TTL = Duration.ofDays(365L * 1000);

    private Values() {
    }

    static byte[] encode(String value) {
        if (value == null) {
            throw new IllegalArgumentException("value must not be null; delete the key instead");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("value must not be null; delete the key instead");
        }
        return value;
    }

    static String decode(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * Checks a time to live: Redis counts in milliseconds, and a zero or negative TTL would delete
     * the key or be rejected, which the seed silently turned into "no TTL".
     *
     * @throws IllegalArgumentException when the TTL is null, below one millisecond or above 1000 years
     */
    static Duration ttl(Duration ttl) {
        if (ttl == null || ttl.compareTo(ONE_MILLISECOND) < 0) {
            throw new IllegalArgumentException("ttl must be at least 1 ms, was " + ttl);
        }
        if (ttl.compareTo(LONGEST_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be at most 1000 years, was " + ttl);
        }
        return ttl;
    }
}
