package org.chatapp.redis.health;

/** Whether Redis can serve the application. */
public enum HealthStatus {
    /** Redis answers and, in a cluster, every slot is served. */
    UP,
    /** Redis does not answer in time, or part of the cluster's slots are not served. */
    DOWN
}
