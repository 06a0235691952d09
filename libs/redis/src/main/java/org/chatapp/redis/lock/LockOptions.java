package org.chatapp.redis.lock;

import java.time.Duration;
import org.chatapp.redis.InvalidRedisOptionException;

/**
 * How locks are held and waited for.
 *
 * @param leaseTime how long a lock stays held without renewal: the longest a crashed holder keeps
 *        others waiting
 * @param renewEvery how often the watchdog extends the lease of a lock still held; below leaseTime
 * @param defaultWait how long {@link RedisLocks#withLock(String, java.util.function.Supplier)} waits for a lock
 * @param replicas replicas that must acknowledge an acquisition before it counts (0: none); see
 *        the package documentation for what it buys on a failover
 * @param replicaTimeout how long an acquisition waits for those acknowledgements
 */
public record LockOptions(Duration leaseTime, Duration renewEvery, Duration defaultWait, int replicas, Duration replicaTimeout) {

    /** Lease of 30 s, renewed every 10 s; waits up to 10 s; no replica acknowledgement. */
    public static final LockOptions DEFAULT = new LockOptions(Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofSeconds(10), 0, Duration.ofSeconds(1));

    /** Validates every setting, naming it and its value. */
    public LockOptions {
        requirePositive("leaseTime", leaseTime);
        requirePositive("renewEvery", renewEvery);
        if (leaseTime.toMillis() < 1) {
            throw new InvalidRedisOptionException("leaseTime", "leaseTime must be at least 1 ms, was " + leaseTime);
        }
        if (renewEvery.compareTo(leaseTime) >= 0) {
            throw new InvalidRedisOptionException("renewEvery", "renewEvery must be shorter than leaseTime (" + leaseTime
                    + "), was " + renewEvery);
        }
        if (defaultWait == null || defaultWait.isNegative()) {
            throw new InvalidRedisOptionException("defaultWait", "defaultWait must be zero or positive, was " + defaultWait);
        }
        if (replicas < 0) {
            throw new InvalidRedisOptionException("replicas", "replicas must be 0 or more, was " + replicas);
        }
        requirePositive("replicaTimeout", replicaTimeout);
    }

    private static void requirePositive(String setting, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidRedisOptionException(setting, setting + " must be a positive duration, was " + value);
        }
    }

    /** Returns these options with another lease time, renewed every third of it. */
    public LockOptions withLeaseTime(Duration leaseTime) {
        return new LockOptions(leaseTime, leaseTime == null ? null : leaseTime.dividedBy(3), defaultWait, replicas, replicaTimeout);
    }

    /** Returns these options with another default wait. */
    public LockOptions withDefaultWait(Duration defaultWait) {
        return new LockOptions(leaseTime, renewEvery, defaultWait, replicas, replicaTimeout);
    }

    /** Returns these options with acquisitions acknowledged by that many replicas within the timeout. */
    public LockOptions withReplicas(int replicas, Duration replicaTimeout) {
        return new LockOptions(leaseTime, renewEvery, defaultWait, replicas, replicaTimeout);
    }
}
