package org.chatapp.redis;

/**
 * The command was not sent, so it was not applied: no connection to Redis could be opened, the
 * service is not connected and rejects commands ({@link RedisOptions#failFastWhenDisconnected()}),
 * no reachable node serves the key's slot, or the disconnected queue is full. Retrying is safe.
 * (A command lost with its connection after it was sent is a {@link RedisOutcomeUnknownException}.)
 */
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
