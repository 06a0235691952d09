package org.chatapp.redis;

/**
 * Redis rejected the command and did not apply it, for a reason that a retry does not change:
 * a key of the wrong type ({@code WRONGTYPE}), a missing permission ({@code NOPERM}), memory
 * full ({@code OOM}), an unknown script, bad arguments ({@code ERR}) and the like.
 */
public class RedisCommandException extends RedisServiceException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;

    /** Creates an exception for a command the server rejected with the given error code. */
    public RedisCommandException(String operation, String key, String errorCode, String message, Throwable cause) {
        super(operation, key, message, cause);
        this.errorCode = errorCode;
    }

    /** Returns the server's error code, such as {@code WRONGTYPE} or {@code ERR}. */
    public String errorCode() {
        return errorCode;
    }
}
