package org.chatapp.redis;

/**
 * Redis refused the command for now and did not apply it: the cluster has uncovered slots
 * ({@code CLUSTERDOWN}), slots are moving ({@code TRYAGAIN}), a node is loading its data ({@code
 * LOADING}), a write reached a replica or a master that lost its replicas ({@code READONLY},
 * {@code MASTERDOWN}, {@code NOREPLICAS}), or a script keeps the server busy ({@code BUSY}).
 * Retrying after a pause is safe and usually succeeds once a failover or a migration is over.
 */
public class RedisUnavailableException extends RedisServiceException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;

    /** Creates an exception for a command the server refused with the given error code. */
    public RedisUnavailableException(String operation, String key, String errorCode, String message, Throwable cause) {
        super(operation, key, message, cause);
        this.errorCode = errorCode;
    }

    /** Returns the server's error code, such as {@code CLUSTERDOWN}. */
    public String errorCode() {
        return errorCode;
    }
}
