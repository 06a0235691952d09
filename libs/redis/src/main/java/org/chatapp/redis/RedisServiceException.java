package org.chatapp.redis;

/**
 * A Redis operation failed. Carries the operation and the key (as the caller wrote it, without
 * the prefix); never a value or a secret.
 */
public class RedisServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String key;

    /**
     * Creates an exception for an operation on a key.
     *
     * @param operation the command or operation, such as {@code GET}
     * @param key the key, or null when the operation has none or several
     */
    public RedisServiceException(String operation, String key, String message, Throwable cause) {
        super(describe(operation, key, message), cause);
        this.operation = operation;
        this.key = key;
    }

    RedisServiceException(String message, Throwable cause) {
        super(message, cause);
        this.operation = null;
        this.key = null;
    }

    /** Returns the failed operation, such as {@code GET}, or null. */
    public String operation() {
        return operation;
    }

    /** Returns the key the operation was for, without the prefix, or null. */
    public String key() {
        return key;
    }

    private static String describe(String operation, String key, String message) {
        return operation + (key == null ? "" : " '" + key + "'") + " failed: " + message;
    }
}
