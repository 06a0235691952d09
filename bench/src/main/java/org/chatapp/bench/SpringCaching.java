package org.chatapp.bench;

import java.util.function.Function;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * One instance of a Spring service with a {@code @Cacheable(sync = true)} method, as Spring users
 * cache a loader: an application context of its own with {@code @EnableCaching}, the peer's
 * {@code CacheManager} and the cached bean, called through the context's caching proxy.
 */
final class SpringCaching {

    /**
     * The cache's name in every Spring peer; their keys stay apart all the same: Spring Data Redis's
     * under a prefix per writer, Redisson's under its own naming.
     */
    static final String CACHE = "stampede";

    private SpringCaching() {
    }

    /**
     * Starts a context around the cache manager and returns the cached bean as an instance; closing
     * it closes the context, then runs {@code closeConnections}.
     */
    static StampedePeer.CacheInstance instance(CacheManager manager, Function<String, String> loader, Runnable closeConnections) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        try {
            context.register(CachingOn.class);
            context.registerBean("cacheManager", CacheManager.class, () -> manager);
            context.registerBean(CachedSource.class, () -> new LoadingSource(loader));
            context.refresh();
        } catch (RuntimeException e) {
            context.close();
            closeConnections.run();
            throw e;
        }
        CachedSource source = context.getBean(CachedSource.class);
        return new StampedePeer.CacheInstance() {
            @Override
            public String get(String key) {
                return source.load(key);
            }

            @Override
            public void close() {
                try {
                    context.close();
                } finally {
                    closeConnections.run();
                }
            }
        };
    }

    /** Turns on Spring's caching proxies, as an application's configuration does. */
    @EnableCaching
    static class CachingOn {
    }

    /** The cached service's interface, which the caching proxy implements. */
    public interface CachedSource {
        String load(String key);
    }

    /** The cached service: its method runs only when the cache has no value for the key. */
    static final class LoadingSource implements CachedSource {

        private final Function<String, String> loader;

        LoadingSource(Function<String, String> loader) {
            this.loader = loader;
        }

        @Override
        @Cacheable(cacheNames = CACHE, sync = true)
        public String load(String key) {
            return loader.apply(key);
        }
    }
}
