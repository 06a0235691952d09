package org.chatapp.redis;

import java.util.Locale;

/** The topology a client talks to, chosen from the options. */
public enum RedisMode {
    /** One server (with or without replicas that the client does not use). */
    STANDALONE,
    /** A Redis Cluster: keys are spread over the masters by hash slot. */
    CLUSTER,
    /** A master and its replicas watched by Redis Sentinel, which names the current master. */
    SENTINEL;

    /** Returns the lower-case name used in health details and logs, such as {@code cluster}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
