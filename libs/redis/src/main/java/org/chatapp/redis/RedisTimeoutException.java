package org.chatapp.redis;

/** A Redis operation did not complete within the command timeout. */
public class RedisTimeoutException extends RedisServiceException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception for an operation that timed out. */
    public RedisTimeoutException(String operation, String key, String message, Throwable cause) {
        super(operation, key, message, cause);
    }
}
