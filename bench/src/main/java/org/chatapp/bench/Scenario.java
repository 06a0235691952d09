package org.chatapp.bench;

/**
 * One benchmark case: an operation driven in one way. New cases (cache hits, pub/sub fan-out, a
 * WebSocket load run) join as new operations or drivers; the {@link Runner} measures them for
 * Java clients, and a peer that measures itself handles them in its {@link Peer.Session}.
 *
 * @param operation what each call does
 * @param driver how calls are issued: blocking threads or requests in flight
 */
record Scenario(Operation operation, Driver driver) {

    enum Operation {
        GET, SET
    }

    /**
     * How calls are issued.
     *
     * @param label shown in the report
     * @param threads blocking caller threads, or 0 for the in-flight driver
     * @param inFlight calls in flight for the in-flight driver: futures for a client with a
     *        non-blocking API, batches of this size for a client that pipelines
     */
    record Driver(String label, int threads, int inFlight) {
        static Driver sync(int threads) {
            return new Driver(threads + (threads == 1 ? " thread" : " threads") + " sync", threads, 0);
        }

        static Driver async(int inFlight) {
            return new Driver(inFlight + " in flight", 0, inFlight);
        }

        boolean isAsync() {
            return threads == 0;
        }
    }

    String label() {
        return operation + ", " + driver.label();
    }
}
