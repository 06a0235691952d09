package org.chatapp.redis.cache;

import java.time.Duration;
import java.util.Objects;
import org.chatapp.redis.InvalidRedisOptionException;

/**
 * How long an entry lives: a fixed or named duration, or one chosen by the value's size, always
 * spread by a symmetric jitter so that keys written together do not expire together (the seed's
 * jitter only added, which moved the herd instead of spreading it).
 *
 * <p>The size rule is the seed's, around a base: values up to 1 KiB live twice the base, up to
 * 100 KiB the base, up to 1 MiB half of it, bigger ones a quarter (small values are cheap to keep,
 * big ones expensive to hold and quick to go stale relative to their cost).
 */
public final class TtlPolicy {

    /** The jitter of every policy unless {@link #withJitter(double)} says otherwise: plus or minus 10 %. */
    public static final double DEFAULT_JITTER = 0.1;
    /** The largest jitter allowed: plus or minus half the duration. */
    public static final double MAX_JITTER = 0.5;

    static final int SMALL_BYTES = 1024;
    static final int MEDIUM_BYTES = 100 * 1024;
    static final int LARGE_BYTES = 1024 * 1024;

    private final Duration base;
    private final boolean bySize;
    private final double jitter;

    private TtlPolicy(Duration base, boolean bySize, double jitter) {
        if (base == null || base.isNegative() || base.toMillis() < 1) {
            throw new InvalidRedisOptionException("ttl", "ttl must be at least 1 ms, was " + base);
        }
        if (bySize && base.toMillis() < 4) {
            throw new InvalidRedisOptionException("ttl", "a size-based ttl needs a base of at least 4 ms, was " + base);
        }
        if (!(jitter >= 0 && jitter <= MAX_JITTER)) {
            throw new InvalidRedisOptionException("ttl.jitter", "jitter must be between 0 and " + MAX_JITTER + ", was " + jitter);
        }
        this.base = base;
        this.bySize = bySize;
        this.jitter = jitter;
    }

    /** Returns a policy giving every entry the same duration, with the default jitter. */
    public static TtlPolicy fixed(Duration ttl) {
        return new TtlPolicy(ttl, false, DEFAULT_JITTER);
    }

    /** Returns a policy giving every entry one of the seed's named durations, with the default jitter. */
    public static TtlPolicy named(NamedTtl ttl) {
        Objects.requireNonNull(ttl, "ttl");
        return fixed(ttl.duration());
    }

    /** Returns the seed's size rule around a base duration (see the class documentation), with the default jitter. */
    public static TtlPolicy bySize(Duration base) {
        return new TtlPolicy(base, true, DEFAULT_JITTER);
    }

    /**
     * Returns this policy with another jitter: each duration is multiplied by a factor drawn
     * uniformly from {@code [1 - jitter, 1 + jitter)}; 0 turns the spread off (for tests).
     *
     * @throws InvalidRedisOptionException when the jitter is below 0 or above {@link #MAX_JITTER}
     */
    public TtlPolicy withJitter(double jitter) {
        return new TtlPolicy(base, bySize, jitter);
    }

    /** Returns the jitter, a fraction of the duration. */
    public double jitter() {
        return jitter;
    }

    /** Returns the duration before jitter for a value of that many bytes. */
    public Duration baseTtl(int valueBytes) {
        if (!bySize) {
            return base;
        }
        if (valueBytes <= SMALL_BYTES) {
            return base.multipliedBy(2);
        }
        if (valueBytes <= MEDIUM_BYTES) {
            return base;
        }
        if (valueBytes <= LARGE_BYTES) {
            return base.dividedBy(2);
        }
        return base.dividedBy(4);
    }

    /**
     * Returns the duration of an entry of that many bytes, jittered by {@code random} (a draw in
     * {@code [0, 1)}), never below 1 ms.
     */
    public Duration ttl(int valueBytes, double random) {
        long millis = baseTtl(valueBytes).toMillis();
        double factor = 1 + jitter * (2 * random - 1);
        return Duration.ofMillis(Math.max(1, Math.round(millis * factor)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TtlPolicy policy && policy.base.equals(base) && policy.bySize == bySize
                && Double.compare(policy.jitter, jitter) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, bySize, jitter);
    }

    @Override
    public String toString() {
        return "TtlPolicy[" + (bySize ? "bySize, base " : "fixed ") + base + ", jitter +/-" + jitter + "]";
    }
}
