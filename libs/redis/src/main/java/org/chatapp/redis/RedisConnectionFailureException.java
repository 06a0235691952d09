package org.chatapp.redis;

/** No connection to Redis could be opened, or the connection was lost while the command was pending. */
public class RedisConnectionFailureException extends RedisServiceException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception for an operation that could not reach Redis. */
    public RedisConnectionFailureException(String operation, String key, String message, Throwable cause) {
        super(operation, key, message, cause);
    }

    RedisConnectionFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
