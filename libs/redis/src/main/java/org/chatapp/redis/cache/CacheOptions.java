package org.chatapp.redis.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.DoubleSupplier;
import org.chatapp.redis.InvalidRedisOptionException;
import org.chatapp.redis.ValueCodec;

/**
 * The settings of one named cache, immutable, validated by {@link Builder#build()} with an
 * {@link InvalidRedisOptionException} naming the setting.
 *
 * @param <V> the type of the values
 */
public final class CacheOptions<V> {

    /** Every entry lives 5 minutes (the seed's module default of 300 s), plus or minus 10 %. */
    public static final TtlPolicy DEFAULT_TTL = TtlPolicy.fixed(Duration.ofMinutes(5));
    /** The largest encoded value stored: 4 MiB. */
    public static final int DEFAULT_MAX_VALUE_BYTES = 4 * 1024 * 1024;
    /** A load holds its key's lease 10 s at most: the longest a crashed loader keeps others waiting. */
    public static final Duration DEFAULT_LEASE_TIME = Duration.ofSeconds(10);
    /** A waiter waits 10 s in all for another instance's load before it loads by itself. */
    public static final Duration DEFAULT_LEASE_WAIT = Duration.ofSeconds(10);
    /** A waiter that heard nothing looks again after 100 ms (the fallback when a notification is lost). */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);
    /** XFetch's beta of 1, the paper's choice: refreshes start about one load time before expiry. */
    public static final double DEFAULT_EARLY_REFRESH_BETA = 1.0;

    private final ValueCodec<V> codec;
    private final TtlPolicy ttl;
    private final Duration negativeTtl;
    private final int maxValueBytes;
    private final ErrorPolicy errorPolicy;
    private final Duration leaseTime;
    private final Duration leaseWait;
    private final Duration pollInterval;
    private final double earlyRefreshBeta;
    private final Duration staleWhileRevalidate;
    private final BiFunction<String, ? super V, ? extends Collection<String>> tags;
    private final DoubleSupplier random;
    private final NearCacheOptions nearCache;

    private CacheOptions(Builder<V> builder) {
        this.codec = builder.codec;
        this.ttl = builder.ttl;
        this.negativeTtl = builder.negativeTtl;
        this.maxValueBytes = builder.maxValueBytes;
        this.errorPolicy = builder.errorPolicy;
        this.leaseTime = builder.leaseTime;
        this.leaseWait = builder.leaseWait;
        this.pollInterval = builder.pollInterval;
        this.earlyRefreshBeta = builder.earlyRefreshBeta;
        this.staleWhileRevalidate = builder.staleWhileRevalidate;
        this.tags = builder.tags;
        this.random = builder.random;
        this.nearCache = builder.nearCache;
    }

    /** Starts options for values written and read by a codec ({@code ValueCodec.string()}, {@code bytes()}, {@code json(type)}). */
    public static <V> Builder<V> builder(ValueCodec<V> codec) {
        return new Builder<>(codec);
    }

    /** Returns the codec of the values. */
    public ValueCodec<V> codec() {
        return codec;
    }

    /** Returns how long entries live. */
    public TtlPolicy ttl() {
        return ttl;
    }

    /** Returns how long "absent" is cached after a loader found nothing; zero when it is not. */
    public Duration negativeTtl() {
        return negativeTtl;
    }

    /** Returns the largest encoded value the cache stores. */
    public int maxValueBytes() {
        return maxValueBytes;
    }

    /** Returns what the cache does when Redis fails. */
    public ErrorPolicy errorPolicy() {
        return errorPolicy;
    }

    /** Returns how long one instance's load holds its key's lease at most. */
    public Duration leaseTime() {
        return leaseTime;
    }

    /** Returns how long a caller waits in all for another instance's load before loading by itself. */
    public Duration leaseWait() {
        return leaseWait;
    }

    /** Returns how often a waiter that heard nothing looks again. */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** Returns XFetch's beta: above 1 refreshes earlier, below later, 0 never early. */
    public double earlyRefreshBeta() {
        return earlyRefreshBeta;
    }

    /** Returns how long past its expiry an entry is still served while one caller refreshes it; zero: never. */
    public Duration staleWhileRevalidate() {
        return staleWhileRevalidate;
    }

    /** Returns the near cache's settings, or null when the cache has none. */
    public NearCacheOptions nearCache() {
        return nearCache;
    }

    /** Returns the tags of a key and its value, as the options' tag function gives them. */
    Collection<String> tagsOf(String key, V value) {
        Collection<String> result = tags.apply(key, value);
        return result == null ? List.of() : result;
    }

    /** Returns the source of uniform draws in {@code [0, 1)} for jitter and early refresh. */
    DoubleSupplier random() {
        return random;
    }

    @Override
    public String toString() {
        return "CacheOptions[codec=" + codec.getClass().getSimpleName() + ", ttl=" + ttl + ", negativeTtl=" + negativeTtl
                + ", maxValueBytes=" + maxValueBytes + ", errorPolicy=" + errorPolicy + ", leaseTime=" + leaseTime
                + ", leaseWait=" + leaseWait + ", pollInterval=" + pollInterval + ", earlyRefreshBeta=" + earlyRefreshBeta
                + ", staleWhileRevalidate=" + staleWhileRevalidate + ", nearCache=" + nearCache + "]";
    }

    /** Builds {@link CacheOptions}; every setting has a default but the codec. */
    public static final class Builder<V> {
        private final ValueCodec<V> codec;
        private TtlPolicy ttl = DEFAULT_TTL;
        private Duration negativeTtl = Duration.ZERO;
        private int maxValueBytes = DEFAULT_MAX_VALUE_BYTES;
        private ErrorPolicy errorPolicy = ErrorPolicy.FAIL_OPEN;
        private Duration leaseTime = DEFAULT_LEASE_TIME;
        private Duration leaseWait = DEFAULT_LEASE_WAIT;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private double earlyRefreshBeta = DEFAULT_EARLY_REFRESH_BETA;
        private Duration staleWhileRevalidate = Duration.ZERO;
        private BiFunction<String, ? super V, ? extends Collection<String>> tags = (key, value) -> List.of();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private NearCacheOptions nearCache;

        private Builder(ValueCodec<V> codec) {
            this.codec = codec;
        }

        /** Sets how long entries live (default {@link CacheOptions#DEFAULT_TTL}). */
        public Builder<V> ttl(TtlPolicy ttl) {
            this.ttl = ttl;
            return this;
        }

        /** Sets how long "absent" is cached when a loader finds nothing (default zero: not cached). */
        public Builder<V> negativeTtl(Duration negativeTtl) {
            this.negativeTtl = negativeTtl;
            return this;
        }

        /** Sets the largest encoded value stored (default 4 MiB). */
        public Builder<V> maxValueBytes(int maxValueBytes) {
            this.maxValueBytes = maxValueBytes;
            return this;
        }

        /** Sets what the cache does when Redis fails (default {@link ErrorPolicy#FAIL_OPEN}). */
        public Builder<V> errorPolicy(ErrorPolicy errorPolicy) {
            this.errorPolicy = errorPolicy;
            return this;
        }

        /** Sets how long a load holds its key's lease at most (default 10 s). */
        public Builder<V> leaseTime(Duration leaseTime) {
            this.leaseTime = leaseTime;
            return this;
        }

        /** Sets how long a caller waits in all for another instance's load (default 10 s). */
        public Builder<V> leaseWait(Duration leaseWait) {
            this.leaseWait = leaseWait;
            return this;
        }

        /** Sets how often a waiter that heard nothing looks again (default 100 ms). */
        public Builder<V> pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        /** Sets XFetch's beta (default 1; 0 turns early refresh off). */
        public Builder<V> earlyRefreshBeta(double earlyRefreshBeta) {
            this.earlyRefreshBeta = earlyRefreshBeta;
            return this;
        }

        /** Sets how long past its expiry an entry is served while it is refreshed (default zero: never). */
        public Builder<V> staleWhileRevalidate(Duration staleWhileRevalidate) {
            this.staleWhileRevalidate = staleWhileRevalidate;
            return this;
        }

        /** Sets the tags of each entry, from its key and value (default none); see {@link RedisCache#evictTag}. */
        public Builder<V> tags(BiFunction<String, ? super V, ? extends Collection<String>> tags) {
            this.tags = tags;
            return this;
        }

        /**
         * Puts an in-process near cache in front of Redis (default none; needs Caffeine on the class
         * path); {@code null} turns it off. See the package documentation for how it stays fresh.
         */
        public Builder<V> nearCache(NearCacheOptions nearCache) {
            this.nearCache = nearCache;
            return this;
        }

        /** Sets the source of uniform draws in {@code [0, 1)} for jitter and early refresh (tests fix it). */
        public Builder<V> random(DoubleSupplier random) {
            this.random = random;
            return this;
        }

        /**
         * Returns the options.
         *
         * @throws InvalidRedisOptionException naming the first invalid setting
         */
        public CacheOptions<V> build() {
            if (codec == null) {
                throw new InvalidRedisOptionException("codec", "codec must not be null");
            }
            if (ttl == null) {
                throw new InvalidRedisOptionException("ttl", "ttl must not be null");
            }
            if (negativeTtl == null || negativeTtl.isNegative()) {
                throw new InvalidRedisOptionException("negativeTtl", "negativeTtl must be zero (off) or positive, was " + negativeTtl);
            }
            if (!negativeTtl.isZero() && negativeTtl.toMillis() < 1) {
                throw new InvalidRedisOptionException("negativeTtl", "negativeTtl must be at least 1 ms, was " + negativeTtl);
            }
            if (maxValueBytes < 1) {
                throw new InvalidRedisOptionException("maxValueBytes", "maxValueBytes must be at least 1, was " + maxValueBytes);
            }
            if (errorPolicy == null) {
                throw new InvalidRedisOptionException("errorPolicy", "errorPolicy must not be null");
            }
            requireMillis("leaseTime", leaseTime);
            if (leaseWait == null || leaseWait.isNegative()) {
                throw new InvalidRedisOptionException("leaseWait", "leaseWait must be zero or positive, was " + leaseWait);
            }
            requireMillis("pollInterval", pollInterval);
            if (!(earlyRefreshBeta >= 0) || Double.isInfinite(earlyRefreshBeta)) {
                throw new InvalidRedisOptionException("earlyRefreshBeta", "earlyRefreshBeta must be 0 or more, was " + earlyRefreshBeta);
            }
            if (staleWhileRevalidate == null || staleWhileRevalidate.isNegative()) {
                throw new InvalidRedisOptionException("staleWhileRevalidate",
                        "staleWhileRevalidate must be zero (off) or positive, was " + staleWhileRevalidate);
            }
            if (tags == null) {
                throw new InvalidRedisOptionException("tags", "tags must not be null");
            }
            if (random == null) {
                throw new InvalidRedisOptionException("random", "random must not be null");
            }
            if (nearCache != null) {
                try {
                    Class.forName("com.github.benmanes.caffeine.cache.Caffeine", false, CacheOptions.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new InvalidRedisOptionException("nearCache",
                            "nearCache needs com.github.ben-manes.caffeine:caffeine on the class path", e);
                }
            }
            return new CacheOptions<>(this);
        }

        private static void requireMillis(String setting, Duration value) {
            if (value == null || value.isNegative() || value.toMillis() < 1) {
                throw new InvalidRedisOptionException(setting, setting + " must be at least 1 ms, was " + value);
            }
        }
    }
}
