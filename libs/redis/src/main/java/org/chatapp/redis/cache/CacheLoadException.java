package org.chatapp.redis.cache;

/**
 * A loader or store writer failed with a checked exception (unchecked ones reach the caller as they
 * are); carries the cache and the key, never the value.
 */
public class CacheLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String cacheName;
    private final String key;

    /** Creates the exception for a key of a cache with the loader's failure as its cause. */
    public CacheLoadException(String cacheName, String key, Throwable cause) {
        super("loading key '" + key + "' of cache '" + cacheName + "' failed: " + cause, cause);
        this.cacheName = cacheName;
        this.key = key;
    }

    /** Returns the name of the cache. */
    public String cacheName() {
        return cacheName;
    }

    /** Returns the key whose load failed (the first one, for a bulk load). */
    public String key() {
        return key;
    }
}
