package org.chatapp.redis.lock;

/**
 * A lock held: kept by the watchdog until released, and released by {@link #close()}.
 */
public interface Lease extends AutoCloseable {

    /** Returns the lock's name. */
    String name();

    /**
     * Returns the fencing token of this acquisition: larger than that of every earlier acquisition
     * of the same lock. Hand it to the resource the lock protects, which refuses writes carrying a
     * smaller token than one it has seen (a holder that paused past its lease then writes late).
     */
    long fencingToken();

    /**
     * Returns whether this holder still has the lock as far as it knows: not released, and the last
     * renewal confirmed the lease within the lease time. False once a renewal found another holder.
     */
    boolean isHeld();

    /**
     * Releases the lock if this holder still has it (compare-and-delete on the token) and wakes the
     * waiters; returns false when the lease had expired and another holder may have it, whose lock
     * is left alone. Calling it again returns false.
     */
    boolean release();

    /** Releases the lock, like {@link #release()}. */
    @Override
    void close();
}
