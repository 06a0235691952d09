package org.chatapp.redis;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before each reconnect attempt after a connection to a Redis node is lost.
 * The policy applies to every node connection: the single server, each cluster node, each sentinel.
 */
@FunctionalInterface
public interface ReconnectPolicy {

    /** The seed's policy: {@code min(attempt * 50 ms, 2000 ms)}. */
    ReconnectPolicy DEFAULT = linear(Duration.ofMillis(50), Duration.ofSeconds(2));

    /**
     * Returns the delay before reconnect attempt {@code attempt}, counted from 1.
     *
     * @param attempt the attempt number, 1 for the first reconnect
     */
    Duration delay(long attempt);

    /**
     * Returns a policy waiting {@code attempt * step}, never longer than {@code max}.
     *
     * @throws InvalidRedisOptionException naming {@code reconnectPolicy.step} when the step is null or
     *     not positive, {@code reconnectPolicy.max} when max is null or below the step
     */
    static ReconnectPolicy linear(Duration step, Duration max) {
        return linearWithJitter(step, max, 0);
    }

    /**
     * Returns {@link #linear(Duration, Duration)} with up to {@code jitter} of each delay added at
     * random, so that many clients losing the same node do not reconnect in lock-step.
     *
     * @param jitter the largest fraction of the delay added, 0 (none) to 1 (up to double)
     * @throws InvalidRedisOptionException naming {@code reconnectPolicy.step}, {@code reconnectPolicy.max}
     *     or {@code reconnectPolicy.jitter}: a step that is null or not positive, a max that is null or
     *     below the step, a jitter outside 0-1
     */
    static ReconnectPolicy linearWithJitter(Duration step, Duration max, double jitter) {
        if (step == null || step.isNegative() || step.isZero()) {
            throw new InvalidRedisOptionException("reconnectPolicy.step", "reconnect step must be positive, was " + step);
        }
        if (max == null || max.compareTo(step) < 0) {
            throw new InvalidRedisOptionException("reconnectPolicy.max", "reconnect max must be at least the step " + step + ", was " + max);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new InvalidRedisOptionException("reconnectPolicy.jitter", "reconnect jitter must be between 0 and 1, was " + jitter);
        }
        long stepNanos = step.toNanos();
        long maxNanos = max.toNanos();
        return new ReconnectPolicy() {
            @Override
            public Duration delay(long attempt) {
                long attempts = Math.max(1, attempt);
                long base = attempts > maxNanos / stepNanos ? maxNanos : Math.min(maxNanos, attempts * stepNanos);
                long extra = jitter == 0 ? 0 : (long) (base * jitter * ThreadLocalRandom.current().nextDouble());
                return Duration.ofNanos(base + extra);
            }

            @Override
            public String toString() {
                return "linear(step=" + step + ", max=" + max + (jitter == 0 ? "" : ", jitter=" + jitter) + ")";
            }
        };
    }
}
