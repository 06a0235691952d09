package org.chatapp.redis;

/**
 * The command was not sent: the connection is down and already holds {@link
 * RedisOptions#requestQueueSize()} commands waiting for the reconnect. Retrying once the
 * connection is back is safe.
 */
public class RedisRequestQueueFullException extends RedisConnectionFailureException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception for a command refused because the disconnected queue is full. */
    public RedisRequestQueueFullException(String operation, String key, String message) {
        super(operation, key, message, null);
    }
}
