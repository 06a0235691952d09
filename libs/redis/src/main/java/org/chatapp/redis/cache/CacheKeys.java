package org.chatapp.redis.cache;

import java.util.regex.Pattern;

/**
 * The key space of one cache, in the service's terms (the service adds its prefix):
 * {@code cache:{name:key}:v} holds the entry, {@code :l} its load lease and {@code :w} the count of
 * instances waiting for that load, all in one slot because the hash tag is {@code {name:key}};
 * different keys spread over the slots. {@code cache:{name:tag}:t} is a tag's set of keys. Every key
 * of a cache matches {@code cache:{name:*}} and no other cache's, since names hold no {@code :} and
 * the user's key, whatever it holds, sits after the name and before the type suffix. A key holding
 * a {@code }} cuts the hash tag short, the same way for all three keys of the entry.
 */
final class CacheKeys {

    /** Names that are safe in a hash tag and a SCAN pattern. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final String name;
    private final String start;

    CacheKeys(String name) {
        this.name = validName(name);
        this.start = "cache:{" + name + ":";
    }

    /**
     * Returns the name when it is a valid cache name.
     *
     * @throws IllegalArgumentException when it is null, empty, longer than 100 or holds another character than letters, digits, {@code . _ -}
     */
    static String validName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("cache name must be 1 to 100 letters, digits, '.', '_' or '-', was "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    /**
     * Returns the key when it may be cached.
     *
     * @throws IllegalArgumentException when it is null
     */
    static String validKey(String key) {
        if (key == null) {
            throw new IllegalArgumentException("cache key must not be null");
        }
        return key;
    }

    String name() {
        return name;
    }

    String entry(String key) {
        return start + key + "}:v";
    }

    String lease(String key) {
        return start + key + "}:l";
    }

    String waiters(String key) {
        return start + key + "}:w";
    }

    String tag(String tag) {
        return start + tag + "}:t";
    }

    /** Returns the SCAN pattern of every key of this cache and of no other. */
    String pattern() {
        return start + "*";
    }

    /** Returns the channel on which loads and invalidations of this cache are announced. */
    String channel() {
        return "cache:{" + name + "}:events";
    }
}
