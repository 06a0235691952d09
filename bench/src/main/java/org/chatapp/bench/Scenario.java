package org.chatapp.bench;

/**
 * One benchmark case: an operation driven in one way. Operations come in families (GET/SET, pub/sub,
 * locks, rate limits), each measured with the peers of its family only; the {@link Runner} drives
 * Java clients, and a peer that measures itself handles its cases in its {@link Peer.Session}.
 *
 * @param operation what each call does
 * @param driver how calls are issued: blocking threads or requests in flight
 */
record Scenario(Operation operation, Driver driver) {

    /** Operations measured with the same peers, in the same table layout and against the same goals. */
    enum Family {
        KEY_VALUE, PUB_SUB, LOCK, RATE_LIMIT, CACHE
    }

    /**
     * What one call does. The labels are what {@code --only} matches, so each family's share a word
     * ({@code pub/sub}, {@code lock}, {@code rate limit}, {@code cache}).
     */
    enum Operation {
        GET(Family.KEY_VALUE, "GET"),
        SET(Family.KEY_VALUE, "SET"),
        /** Publish an event that one subscriber of the same client receives; a call is a delivery. */
        PUBLISH(Family.PUB_SUB, "pub/sub"),
        /** Acquire a lock and release it, each thread on a lock name of its own: no thread ever waits. */
        LOCK_UNCONTENDED(Family.LOCK, "lock uncontended"),
        /** Acquire a lock and release it, every thread on the same name: all but one wait. */
        LOCK_CONTENDED(Family.LOCK, "lock contended, one name"),
        /** Ask a fixed-window limiter for one permit. */
        RATE_LIMIT_FIXED_WINDOW(Family.RATE_LIMIT, "rate limit fixed window"),
        /** Ask a sliding-window limiter for one permit. */
        RATE_LIMIT_SLIDING_WINDOW(Family.RATE_LIMIT, "rate limit sliding window"),
        /** Ask a token-bucket limiter for one permit. */
        RATE_LIMIT_TOKEN_BUCKET(Family.RATE_LIMIT, "rate limit token bucket"),
        /** Read a key that the in-process near cache holds, the loader never called. */
        CACHE_NEAR_HIT(Family.CACHE, "cache near hit"),
        /** Read a key that Redis holds through a cache without a near cache, the loader never called. */
        CACHE_ASIDE_HIT(Family.CACHE, "cache-aside hit"),
        /**
         * Every caller asks two instances of a cache for the same missing key at once, with a loader:
         * a call is one caller served.
         */
        CACHE_STAMPEDE(Family.CACHE, "cache misses on one key");

        private final Family family;
        private final String label;

        Operation(Family family, String label) {
            this.family = family;
            this.label = label;
        }

        Family family() {
            return family;
        }

        String label() {
            return label;
        }
    }

    /**
     * How calls are issued.
     *
     * @param label shown in the report
     * @param threads blocking caller threads, or 0 for the in-flight driver
     * @param inFlight calls in flight for the in-flight driver: futures for a client with a
     *        non-blocking API, batches of this size for a client that pipelines
     * @param batch commands per batch for the batch driver, 0 for the others: one thread sends them
     *        with the client's explicit batch API, waits for every reply, and sends the next batch
     */
    record Driver(String label, int threads, int inFlight, int batch) {
        static Driver sync(int threads) {
            return new Driver(threads + (threads == 1 ? " thread" : " threads") + " sync", threads, 0, 0);
        }

        /** Blocking publishers: each thread publishes its next event once Redis took the last one. */
        static Driver publishers(int threads) {
            return new Driver(threads + (threads == 1 ? " publisher thread" : " publisher threads") + ", 1 subscriber",
                    threads, 0, 0);
        }

        static Driver async(int inFlight) {
            return new Driver(inFlight + " in flight", 0, inFlight, 0);
        }

        /**
         * Callers started together, each with one call, spread over two instances of the peer: the
         * cache-stampede case ({@link Runner#runStampede}).
         */
        static Driver stampede(int callers) {
            return new Driver(callers + " callers at once over 2 instances", callers, 0, 0);
        }

        /** One thread sending batches of the given size, each once the last one's replies are all in. */
        static Driver batch(int size) {
            return new Driver("batch of " + size, 1, 0, size);
        }

        boolean isAsync() {
            return threads == 0;
        }

        boolean isBatch() {
            return batch > 0;
        }
    }

    Family family() {
        return operation.family();
    }

    String label() {
        return operation.label() + ", " + driver.label();
    }
}
