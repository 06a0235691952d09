package org.chatapp.redis.spring.cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of Spring's caches on Redis, bound to {@code chatapp.redis.cache.*}: the defaults of
 * every cache (the settings this class inherits), and each named cache's own under
 * {@code caches.<name>.*}.
 */
@ConfigurationProperties(RedisCacheProperties.PREFIX)
public class RedisCacheProperties extends CacheSettings {

    /** Prefix of the properties. */
    public static final String PREFIX = "chatapp.redis.cache";

    /** Whether the caches are made: a RedisCaches bean, and with @EnableCaching a CacheManager over it. */
    private boolean enabled = true;

    /**
     * Whether a cache that is not under caches is made on its first use, with the defaults; when
     * false, only the caches under caches exist.
     */
    private boolean dynamic = true;

    /** Typed JSON, the values of caches without a value-type. */
    private final Json json = new Json();

    /**
     * Caches by name (the name of @Cacheable), each with settings of its own; those it leaves unset
     * are the defaults under chatapp.redis.cache.
     */
    private Map<String, CacheSettings> caches = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isDynamic() {
        return dynamic;
    }

    public void setDynamic(boolean dynamic) {
        this.dynamic = dynamic;
    }

    public Json getJson() {
        return json;
    }

    public Map<String, CacheSettings> getCaches() {
        return caches;
    }

    public void setCaches(Map<String, CacheSettings> caches) {
        this.caches = caches;
    }

    /** Typed JSON: the class of each value is stored with it, and read back only from trusted packages. */
    public static class Json {

        /**
         * Packages whose classes may be cached and read back, besides the application's own (those of
         * its @SpringBootApplication) and the JDK's collections, time types, strings and numbers.
         */
        private List<String> trustedPackages = new ArrayList<>();

        public List<String> getTrustedPackages() {
            return trustedPackages;
        }

        public void setTrustedPackages(List<String> trustedPackages) {
            this.trustedPackages = trustedPackages;
        }
    }
}
