package org.chatapp.redis;

/**
 * The service's translation of a failure into {@link RedisServiceException} and its subclasses,
 * for features that run commands of their own (on a {@link RedisConnections connection of their
 * own}) and must not leak Lettuce's exceptions. The type is chosen by the failure's class and, for
 * server errors, the error code (the reply's first word), never by message text.
 */
public final class RedisExceptions {

    private RedisExceptions() {
    }

    /**
     * Returns the exception a caller sees for a failed command: a {@link RedisServiceException}
     * naming the operation and the caller's key (unchanged when it already is one).
     *
     * @param operation the Redis command or the feature's operation, such as {@code SSUBSCRIBE}
     * @param key the caller's key or channel, or null
     * @param failure what failed, possibly wrapped in a {@link java.util.concurrent.CompletionException}
     */
    public static RedisServiceException translate(String operation, String key, Throwable failure) {
        if (failure == null) {
            throw new IllegalArgumentException("failure must not be null");
        }
        return CommandRunner.translate(operation, key, failure);
    }
}
