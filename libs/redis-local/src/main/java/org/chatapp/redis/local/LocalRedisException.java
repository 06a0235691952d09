package org.chatapp.redis.local;

/**
 * Signals that a local Redis process could not be started, reached or controlled, or that it
 * answered a command with an error reply (the message is then the server's own).
 */
public class LocalRedisException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with the given message.
     *
     * @param message what went wrong
     */
    public LocalRedisException(String message) {
        super(message);
    }

    /**
     * Creates an exception with the given message and cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public LocalRedisException(String message, Throwable cause) {
        super(message, cause);
    }
}
