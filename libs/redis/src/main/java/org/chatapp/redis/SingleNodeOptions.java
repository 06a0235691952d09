package org.chatapp.redis;

import java.time.Duration;

/**
 * Socket settings of every connection to one node: the single server, and each cluster node or
 * sentinel, as the seed spread its single-node options into the cluster's node options.
 *
 * @param tcpNoDelay whether small commands are sent at once rather than coalesced by the kernel
 * @param keepAliveIdle idle time before TCP keep-alive probes start, so a silently dead peer is
 *     noticed; zero turns keep-alive off
 */
public record SingleNodeOptions(boolean tcpNoDelay, Duration keepAliveIdle) {

    /**
     * Validates the settings.
     *
     * @throws InvalidRedisOptionException naming {@code singleNodeOptions.keepAliveIdle} when it is
     *     null or negative
     */
    public SingleNodeOptions {
        if (keepAliveIdle == null || keepAliveIdle.isNegative()) {
            throw new InvalidRedisOptionException("singleNodeOptions.keepAliveIdle",
                    "singleNodeOptions.keepAliveIdle must be zero or positive, was " + keepAliveIdle);
        }
    }

    /** Returns the defaults: no delay, keep-alive probes after 15 seconds idle. */
    public static SingleNodeOptions defaults() {
        return new SingleNodeOptions(true, Duration.ofSeconds(15));
    }
}
