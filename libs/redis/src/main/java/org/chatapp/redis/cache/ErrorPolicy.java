package org.chatapp.redis.cache;

/** What a cache does when Redis fails under a read, a load or a write. */
public enum ErrorPolicy {
    /**
     * Serve from the source: a failed read counts as a miss and calls the loader (without the
     * cross-instance lease), a failed cache write after a successful load or store write is
     * counted and logged, and the caller gets its value. The seed's choice: Redis being down
     * never takes the application down, at the price of more load on the source.
     */
    FAIL_OPEN,
    /** Throw the service's exception ({@code RedisServiceException} and its subclasses) to the caller. */
    FAIL_CLOSED
}
