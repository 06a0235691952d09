package org.chatapp.redis.spring.lock;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the lease locks, bound to {@code chatapp.redis.lock.*}. */
@ConfigurationProperties(LockProperties.PREFIX)
public class LockProperties {

    /** Prefix of the properties. */
    public static final String PREFIX = "chatapp.redis.lock";

    /** Whether a RedisLocks bean is made on the default Redis client. */
    private boolean enabled = true;

    /** How long a lock stays held without renewal: the longest a crashed holder keeps others waiting. */
    private Duration leaseTime = Duration.ofSeconds(30);

    /** How often the watchdog renews a lock still held; a third of the lease time when unset. */
    private Duration renewEvery;

    /** How long withLock waits for a lock before it gives up. */
    private Duration defaultWait = Duration.ofSeconds(10);

    /** Replicas that must acknowledge an acquisition before it counts; 0 for none. */
    private int replicas;

    /** How long an acquisition waits for the replicas' acknowledgements. */
    private Duration replicaTimeout = Duration.ofSeconds(1);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getLeaseTime() {
        return leaseTime;
    }

    public void setLeaseTime(Duration leaseTime) {
        this.leaseTime = leaseTime;
    }

    public Duration getRenewEvery() {
        return renewEvery;
    }

    public void setRenewEvery(Duration renewEvery) {
        this.renewEvery = renewEvery;
    }

    public Duration getDefaultWait() {
        return defaultWait;
    }

    public void setDefaultWait(Duration defaultWait) {
        this.defaultWait = defaultWait;
    }

    public int getReplicas() {
        return replicas;
    }

    public void setReplicas(int replicas) {
        this.replicas = replicas;
    }

    public Duration getReplicaTimeout() {
        return replicaTimeout;
    }

    public void setReplicaTimeout(Duration replicaTimeout) {
        this.replicaTimeout = replicaTimeout;
    }
}
