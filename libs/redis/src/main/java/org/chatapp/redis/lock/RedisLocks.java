package org.chatapp.redis.lock;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chatapp.redis.RedisService;

/**
 * Lease locks on a {@link RedisService}: a random token per acquisition, compare-and-delete release,
 * a watchdog that renews the lease while the holder works, and a fencing token that increases
 * with every acquisition. Waiters are woken when the lock is released, in this process at once and
 * in others through a pub/sub notification, and otherwise retry when the lease would expire.
 * See the package documentation for what a failover does to a lock.
 */
public interface RedisLocks extends AutoCloseable {

    /** Creates locks on a service with the given options; close them before the service. */
    static RedisLocks create(RedisService redis, LockOptions options) {
        return DefaultRedisLocks.create(redis, options);
    }

    /** Creates locks on a service with {@link LockOptions#DEFAULT}. */
    static RedisLocks create(RedisService redis) {
        return create(redis, LockOptions.DEFAULT);
    }

    /**
     * Acquires a lock if it is free, without waiting.
     *
     * @throws IllegalArgumentException when the name is null or empty
     */
    Optional<Lease> tryLock(String name);

    /**
     * Acquires a lock, waiting up to {@code wait} for it to be released.
     *
     * @throws IllegalArgumentException when the name is null or empty, or the wait negative
     */
    Optional<Lease> tryLock(String name, Duration wait);

    /**
     * Runs an action while holding a lock, waiting up to the options' default wait for it, and
     * releases it afterwards whatever the action does (the seed's {@code withLock(key, fn)}).
     *
     * @throws LockNotAcquiredException when the lock was not acquired in time
     */
    <T> T withLock(String name, Supplier<T> action);

    /**
     * Runs an action while holding a lock, waiting up to {@code wait}; the action gets the lease, for
     * its fencing token and to check it still holds the lock before a write.
     *
     * @throws LockNotAcquiredException when the lock was not acquired in time
     */
    <T> T withLock(String name, Duration wait, Function<Lease, T> action);

    /** Returns what these locks did so far. */
    LockStats stats();

    /** Stops the watchdog and releases the locks still held through these locks. */
    @Override
    void close();
}
