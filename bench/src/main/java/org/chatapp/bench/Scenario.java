package org.chatapp.bench;

/**
 * One benchmark case: an operation driven in one way. New cases (cache hits, pub/sub fan-out)
 * join as new operations or drivers without touching the runner.
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
     * @param threads blocking caller threads, or 0 for the non-blocking driver
     * @param inFlight requests in flight for the non-blocking driver
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
