package org.chatapp.redis.idempotency;

import java.time.Duration;
import java.util.function.Supplier;
import org.chatapp.redis.RedisService;

/**
 * Runs an operation at most once per idempotency key and remembers its result: the first caller
 * claims the key (SET NX semantics, in a script) and runs the operation; later callers with the same
 * key get the stored result without running anything; a caller arriving while the first is still
 * running gets {@link IdempotencyOutcome.Status#IN_PROGRESS} at once rather than waiting (there is
 * nothing to wait on cheaply, and an HTTP API answers it with 409 and Retry-After).
 *
 * <p>An operation that throws leaves nothing behind: the exception reaches the caller and the key is
 * free for a retry. A caller that dies mid-operation holds the key for the {@link
 * IdempotencyOptions#lease() lease}, then it is free again. Guarantee: at most once per key within
 * the TTL, provided the operation finishes within the lease and Redis keeps the key (see the
 * package's failover note).
 *
 * <p>Every method throws {@link IllegalArgumentException} for bad input, naming the argument, and
 * {@link org.chatapp.redis.RedisServiceException} when Redis fails. Thread-safe.
 */
public interface Idempotency {

    /** The longest key accepted, in characters. */
    int MAX_KEY_LENGTH = 1024;

    /** Returns idempotency with the {@link IdempotencyOptions#defaults() default options}. */
    static Idempotency of(RedisService redis) {
        return of(redis, IdempotencyOptions.defaults());
    }

    /**
     * Returns idempotency on the service.
     *
     * @throws IllegalArgumentException when an argument is null
     */
    static Idempotency of(RedisService redis, IdempotencyOptions options) {
        return new DefaultIdempotency(redis, options);
    }

    /**
     * Runs {@code operation} unless a call with this key ran it within {@code ttl} or is running it.
     * The result is kept for {@code ttl} after the operation returned.
     *
     * @param key the idempotency key, such as a client's request id
     * @param ttl how long the result is remembered
     * @param operation what to run; returns the result to remember (empty for none, never null)
     * @throws IllegalArgumentException when the key is null, empty or longer than {@value #MAX_KEY_LENGTH},
     *     the TTL is below 1 ms or above 1000 years, or the operation is null
     * @throws IllegalStateException when the operation returned null or a result larger than the
     *     options allow; it ran, so the key stays claimed until the lease ends
     * @throws RuntimeException whatever the operation threw, unchanged, after the key was freed
     */
    IdempotencyOutcome execute(String key, Duration ttl, Supplier<String> operation);

    /** Returns the options idempotency was created with. */
    IdempotencyOptions options();
}
