package org.chatapp.redis.spring.cache;

import java.lang.reflect.Method;
import java.util.concurrent.Callable;
import org.chatapp.redis.cache.CacheLookup;
import org.chatapp.redis.cache.RedisCache;
import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;

/**
 * Spring's {@link Cache} over one {@link RedisCache}: {@code get(key, Callable)} (what
 * {@code @Cacheable(sync = true)} calls) is the library's cache-aside load, once per key across every
 * instance; {@code put(key, null)} caches "absent" when null values are allowed. Keys become strings:
 * a string as it is, another key by its own {@code toString()} ({@code SimpleKey}, numbers, enums,
 * records); a key whose class has none is refused, since {@code Object.toString()} differs per
 * instance and would never hit.
 */
final class SpringRedisCache implements Cache {

    private final RedisCache<Object> cache;
    private final boolean allowNullValues;

    SpringRedisCache(RedisCache<Object> cache, boolean allowNullValues) {
        this.cache = cache;
        this.allowNullValues = allowNullValues;
    }

    @Override
    public String getName() {
        return cache.name();
    }

    /** Returns the library's cache. */
    @Override
    public RedisCache<Object> getNativeCache() {
        return cache;
    }

    @Override
    public ValueWrapper get(Object key) {
        CacheLookup<Object> lookup = cache.lookup(key(key));
        if (!lookup.cached() || (lookup.value() == null && !allowNullValues)) {
            return null;
        }
        return new SimpleValueWrapper(lookup.value());
    }

    @Override
    public <T> T get(Object key, Class<T> type) {
        ValueWrapper wrapper = get(key);
        Object value = wrapper == null ? null : wrapper.get();
        if (value != null && type != null && !type.isInstance(value)) {
            // The class, never the value: values may be personal data.
            throw new IllegalStateException("Cached value of cache '" + getName() + "' is a " + value.getClass().getName()
                    + ", not the required " + type.getName());
        }
        return type == null ? castUnchecked(value) : type.cast(value);
    }

    @Override
    public <T> T get(Object key, Callable<T> valueLoader) {
        try {
            return castUnchecked(cache.get(key(key), ignored -> {
                try {
                    return valueLoader.call();
                } catch (Exception e) {
                    throw new LoaderFailure(e);
                }
            }).orElse(null));
        } catch (LoaderFailure failure) {
            // Spring's contract: the loader's own exception, wrapped; @Cacheable(sync = true) unwraps it for the caller.
            throw new ValueRetrievalException(key, valueLoader, failure.getCause());
        }
    }

    @Override
    public void put(Object key, Object value) {
        String stringKey = key(key);
        if (value != null) {
            cache.put(stringKey, value);
        } else if (allowNullValues) {
            cache.putAbsent(stringKey);
        } else {
            throw new IllegalArgumentException("Cache '" + getName() + "' is configured to not allow null values (allow-null-values=false)"
                    + " but null was provided");
        }
    }

    @Override
    public void evict(Object key) {
        cache.evict(key(key));
    }

    @Override
    public boolean evictIfPresent(Object key) {
        return cache.evict(key(key));
    }

    @Override
    public void clear() {
        cache.clear();
    }

    @Override
    public boolean invalidate() {
        return cache.clear() > 0;
    }

    @Override
    public String toString() {
        return "SpringRedisCache[" + getName() + "]";
    }

    /**
     * Returns the string of a key.
     *
     * @throws IllegalArgumentException when the key is null or its class has no {@code toString()} of its own
     */
    static String key(Object key) {
        if (key instanceof String text) {
            return text;
        }
        if (key == null) {
            throw new IllegalArgumentException("cache key must not be null");
        }
        if (!hasOwnToString(key.getClass())) {
            throw new IllegalArgumentException("cache keys of " + key.getClass().getName() + " have no toString() of their own,"
                    + " so equal keys would not hit; give the class one, or a key expression (@Cacheable(key = ...)) that is a string");
        }
        return key.toString();
    }

    private static boolean hasOwnToString(Class<?> type) {
        try {
            Method method = type.getMethod("toString");
            return method.getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T castUnchecked(Object value) {
        return (T) value;
    }

    /** Carries a loader's checked or unchecked exception through the library, told apart from the cache's own failures. */
    private static final class LoaderFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LoaderFailure(Exception cause) {
            super(cause);
        }
    }
}
