package org.chatapp.redis.events;

import java.util.concurrent.atomic.LongAdder;

/** The live counts behind {@link EventStats}; incremented from handler threads and event loops alike. */
final class EventCounters {

    private final LongAdder delivered = new LongAdder();
    private final LongAdder handlerFailures = new LongAdder();
    private final LongAdder droppedOnOverflow = new LongAdder();
    private final LongAdder undecodable = new LongAdder();
    private final LongAdder resubscriptions = new LongAdder();

    void delivered() {
        delivered.increment();
    }

    void handlerFailed() {
        handlerFailures.increment();
    }

    void droppedOnOverflow() {
        droppedOnOverflow.increment();
    }

    void undecodable() {
        undecodable.increment();
    }

    void resubscribed() {
        resubscriptions.increment();
    }

    EventStats snapshot() {
        return new EventStats(delivered.sum(), handlerFailures.sum(), droppedOnOverflow.sum(), undecodable.sum(),
                resubscriptions.sum());
    }
}
