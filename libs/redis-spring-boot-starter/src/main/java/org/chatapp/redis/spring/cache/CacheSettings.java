package org.chatapp.redis.spring.cache;

import java.time.Duration;
import org.chatapp.redis.cache.ErrorPolicy;
import org.chatapp.redis.cache.NamedTtl;

/**
 * The settings of one cache: under {@code chatapp.redis.cache.*} the defaults of every cache, and
 * under {@code chatapp.redis.cache.caches.<name>.*} one cache's own, each unset one taken from the
 * defaults. The initial values are the library's defaults, but for the negative TTL (the library
 * caches no "absent" unless told; Spring caches {@code null} unless told). Written as literals so
 * that the IDE metadata states them; a test compares them with the library's.
 */
public class CacheSettings {

    /** Type of the cache's values, stored as plain JSON of that type; unset: JSON with the type of each value (typed JSON). */
    private Class<?> valueType;

    /** How long entries live. */
    private final Ttl ttl = new Ttl();

    /**
     * How long a null value (a method that returned null, Spring's "absent") is cached; 0 to cache
     * none. Unused without allow-null-values.
     */
    private Duration negativeTtl = Duration.ofMinutes(1);

    /**
     * Whether null values are accepted and cached for negative-ttl (Spring's allowNullValues); when
     * false, a put of null is refused and a method that returned null is not cached.
     */
    private boolean allowNullValues = true;

    /** Largest encoded value cached; a bigger loaded value is returned and not cached. */
    private int maxValueBytes = 4194304;

    /** What a cache does when Redis fails: fail-open serves from the method, fail-closed throws. */
    private ErrorPolicy errorPolicy = ErrorPolicy.FAIL_OPEN;

    /** Longest one instance's load holds its key's lease: the longest a crashed loader keeps the others waiting. */
    private Duration leaseTime = Duration.ofSeconds(10);

    /** Longest a caller waits in all for another instance's load of a key before it loads by itself. */
    private Duration leaseWait = Duration.ofSeconds(10);

    /** How often a waiter that heard nothing about the load it waits for looks again. */
    private Duration pollInterval = Duration.ofMillis(100);

    /** XFetch's beta for early refreshes of hot keys: above 1 refreshes earlier, 0 never early. */
    private double earlyRefreshBeta = 1.0;

    /** How long past its expiry an entry is still served while one caller refreshes it; 0: never. */
    private Duration staleWhileRevalidate = Duration.ZERO;

    /** The in-process near cache in front of Redis (needs com.github.ben-manes.caffeine:caffeine). */
    private final NearCache nearCache = new NearCache();

    public Class<?> getValueType() {
        return valueType;
    }

    public void setValueType(Class<?> valueType) {
        this.valueType = valueType;
    }

    public Ttl getTtl() {
        return ttl;
    }

    public Duration getNegativeTtl() {
        return negativeTtl;
    }

    public void setNegativeTtl(Duration negativeTtl) {
        this.negativeTtl = negativeTtl;
    }

    public boolean isAllowNullValues() {
        return allowNullValues;
    }

    public void setAllowNullValues(boolean allowNullValues) {
        this.allowNullValues = allowNullValues;
    }

    public int getMaxValueBytes() {
        return maxValueBytes;
    }

    public void setMaxValueBytes(int maxValueBytes) {
        this.maxValueBytes = maxValueBytes;
    }

    public ErrorPolicy getErrorPolicy() {
        return errorPolicy;
    }

    public void setErrorPolicy(ErrorPolicy errorPolicy) {
        this.errorPolicy = errorPolicy;
    }

    public Duration getLeaseTime() {
        return leaseTime;
    }

    public void setLeaseTime(Duration leaseTime) {
        this.leaseTime = leaseTime;
    }

    public Duration getLeaseWait() {
        return leaseWait;
    }

    public void setLeaseWait(Duration leaseWait) {
        this.leaseWait = leaseWait;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public double getEarlyRefreshBeta() {
        return earlyRefreshBeta;
    }

    public void setEarlyRefreshBeta(double earlyRefreshBeta) {
        this.earlyRefreshBeta = earlyRefreshBeta;
    }

    public Duration getStaleWhileRevalidate() {
        return staleWhileRevalidate;
    }

    public void setStaleWhileRevalidate(Duration staleWhileRevalidate) {
        this.staleWhileRevalidate = staleWhileRevalidate;
    }

    public NearCache getNearCache() {
        return nearCache;
    }

    /** The kinds of TTL policy. */
    public enum TtlKind {
        /** Every entry lives ttl.duration. */
        FIXED,
        /** Every entry lives one of the named durations, ttl.named. */
        NAMED,
        /** Around a base of ttl.duration: values up to 1 KiB live twice it, up to 100 KiB once, up to 1 MiB half, bigger ones a quarter. */
        BY_SIZE
    }

    /** How long entries live, always spread by a symmetric jitter. */
    public static class Ttl {

        /** Kind of policy: fixed (ttl.duration), named (ttl.named) or by-size (around ttl.duration). */
        private TtlKind policy = TtlKind.FIXED;

        /** Life of every entry (fixed), or the base of the size rule (by-size). */
        private Duration duration = Duration.ofMinutes(5);

        /** Named life of every entry, from one-minute to one-month (policy named). */
        private NamedTtl named = NamedTtl.FIVE_MINUTES;

        /** Spread of each life, a fraction of it: 0.1 is plus or minus 10 %; at most 0.5. */
        private double jitter = 0.1;

        public TtlKind getPolicy() {
            return policy;
        }

        public void setPolicy(TtlKind policy) {
            this.policy = policy;
        }

        public Duration getDuration() {
            return duration;
        }

        public void setDuration(Duration duration) {
            this.duration = duration;
        }

        public NamedTtl getNamed() {
            return named;
        }

        public void setNamed(NamedTtl named) {
            this.named = named;
        }

        public double getJitter() {
            return jitter;
        }

        public void setJitter(double jitter) {
            this.jitter = jitter;
        }
    }

    /** The in-process near cache, invalidated by Redis's client tracking or the caches' announcements. */
    public static class NearCache {

        /** Whether values are also held in this process, in front of Redis. */
        private boolean enabled;

        /** Most entries held. */
        private long maxEntries = 10000;

        /** Most encoded bytes held. */
        private long maxWeightBytes = 67108864;

        /** Longest an entry is served from this process without asking Redis: the bound on staleness when an invalidation is lost. */
        private Duration maxAge = Duration.ofSeconds(30);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public long getMaxEntries() {
            return maxEntries;
        }

        public void setMaxEntries(long maxEntries) {
            this.maxEntries = maxEntries;
        }

        public long getMaxWeightBytes() {
            return maxWeightBytes;
        }

        public void setMaxWeightBytes(long maxWeightBytes) {
            this.maxWeightBytes = maxWeightBytes;
        }

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }
    }
}
