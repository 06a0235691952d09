package org.chatapp.redis;

import java.util.Optional;

/**
 * The outcome of one command of a {@link RedisBatch}: its value or its own error, known once the
 * batch has run. One failed command never fails the others.
 *
 * @param <T> the command's value, as the matching {@link RedisService} operation returns it
 */
public interface BatchResult<T> {

    /**
     * Returns the command's value, or throws its error: the {@link RedisServiceException} the
     * matching {@link RedisService} operation would have thrown, naming the command and its key.
     *
     * @throws IllegalStateException when the batch has not finished running
     */
    T get();

    /** Returns the command's error, empty when it succeeded. */
    Optional<RedisServiceException> error();

    /** Returns whether the command has its outcome yet (always true once the batch has run). */
    boolean isDone();
}
