package org.chatapp.redis.lock;

import java.time.Duration;

/** A lock was not acquired within the time a caller was willing to wait. */
public class LockNotAcquiredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final Duration waited;

    /** Creates the exception for a lock and the time waited for it. */
    public LockNotAcquiredException(String name, Duration waited) {
        super("lock '" + name + "' was not acquired within " + waited);
        this.name = name;
        this.waited = waited;
    }

    /** Returns the lock's name. */
    public String name() {
        return name;
    }

    /** Returns how long the caller waited. */
    public Duration waited() {
        return waited;
    }
}
