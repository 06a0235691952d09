package org.chatapp.redis;

/**
 * Which nodes serve reads in a cluster or a sentinel setup; writes always go to the master.
 * Reading from a replica trades freshness (replication is asynchronous) for load spread.
 */
public enum ReadFrom {
    /** Reads from the master only: always fresh. The default. */
    MASTER,
    /** Reads from the master, from a replica when the master is unavailable. */
    MASTER_PREFERRED,
    /** Reads from replicas only. */
    REPLICA,
    /** Reads from a replica, from the master when no replica is available. */
    REPLICA_PREFERRED,
    /** Reads from the node with the lowest measured latency. */
    NEAREST,
    /** Reads from any node. */
    ANY
}
