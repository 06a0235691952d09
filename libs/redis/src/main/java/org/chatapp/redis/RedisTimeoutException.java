package org.chatapp.redis;

/**
 * A Redis operation did not complete within the command timeout. A write that timed out may
 * still have been applied, or may be applied later, so this is a {@link RedisOutcomeUnknownException}.
 */
public class RedisTimeoutException extends RedisOutcomeUnknownException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception for an operation that timed out. */
    public RedisTimeoutException(String operation, String key, String message, Throwable cause) {
        super(operation, key, message, cause);
    }
}
