package org.chatapp.redis.local;

import java.util.Objects;

/**
 * A key prefix unique to one test, so tests sharing a Redis setup never see each other's keys; it
 * holds no hash tag braces and no glob characters, so it is safe in cluster keys and SCAN patterns.
 *
 * @param value the prefix, e.g. {@code t12-sendsMessage:}
 */
public record TestKeyPrefix(String value) {

    private static final String FORBIDDEN = "{}*?[]\\ \t\r\n";

    /**
     * Checks the prefix.
     *
     * @throws IllegalArgumentException if it is empty or holds braces, glob characters or whitespace
     */
    public TestKeyPrefix {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.chars().anyMatch(c -> FORBIDDEN.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("a key prefix must be non-empty without braces, glob characters "
                    + "or whitespace but was '" + value + "'");
        }
    }

    /** Returns the prefix followed by {@code name}, e.g. {@code t12-sendsMessage:room:1}. */
    public String key(String name) {
        return value + name;
    }

    /** Returns the prefix followed by {@code *}, a pattern matching every key of this test. */
    public String pattern() {
        return value + "*";
    }

    /** Returns the prefix itself. */
    @Override
    public String toString() {
        return value;
    }
}
