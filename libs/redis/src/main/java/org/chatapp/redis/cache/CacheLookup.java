package org.chatapp.redis.cache;

import java.util.Optional;

/**
 * What the cache holds for a key: nothing (a miss), a cached "absent" (negative caching), or a
 * value. Spring's {@code Cache.get(key)} maps a miss to {@code null} and the other two to a wrapper.
 *
 * @param <V> the type of the values
 * @param cached whether the cache holds something for the key, a value or "absent"
 * @param value the value, or {@code null} for a miss or a cached "absent"
 */
public record CacheLookup<V>(boolean cached, V value) {

    /** Checks that a value is only there when something is cached. */
    public CacheLookup {
        if (!cached && value != null) {
            throw new IllegalArgumentException("a miss carries no value");
        }
    }

    /** Returns the lookup of a key the cache holds nothing for. */
    public static <V> CacheLookup<V> miss() {
        return new CacheLookup<>(false, null);
    }

    /** Returns the value as an optional: empty for a miss and for a cached "absent". */
    public Optional<V> asOptional() {
        return Optional.ofNullable(value);
    }
}
