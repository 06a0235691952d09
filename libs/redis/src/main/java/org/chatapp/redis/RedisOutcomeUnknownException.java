package org.chatapp.redis;

/**
 * The command was sent, and no reply came: Redis may or may not have applied it. The library
 * never sends such a command again by itself (a repeated INCR, RPUSH, XADD or SET NX would apply
 * twice or answer wrongly); the caller decides, for example by reading the state back, or by
 * retrying an operation it knows to be idempotent.
 *
 * <p>Thrown when the connection is lost between a write and its reply ({@code
 * RedisOutcomeUnknownException} itself), and when no reply comes in time ({@link
 * RedisTimeoutException}).
 */
public class RedisOutcomeUnknownException extends RedisServiceException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception for an operation whose fate is unknown. */
    public RedisOutcomeUnknownException(String operation, String key, String message, Throwable cause) {
        super(operation, key, message, cause);
    }
}
