package org.chatapp.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The subscriber's side of the pub/sub cases: counts the events of the current run and records
 * each one's publish-to-handler latency. Libraries run handlers on threads of their own, several
 * at once for some, so everything here is safe to call from many threads.
 */
final class Deliveries implements Consumer<BenchEvent> {

    private static final long HIGHEST_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(30);

    private volatile Tally current;
    private volatile boolean probeSeen;

    @Override
    public void accept(BenchEvent event) {
        long now = System.nanoTime();
        if (event.run() == BenchEvent.PROBE) {
            probeSeen = true;
            return;
        }
        Tally tally = current;
        // An event of an earlier run, delivered late, belongs to no run.
        if (tally != null && tally.run == event.run()) {
            tally.record(now, now - event.sentNanos());
        }
    }

    boolean probeSeen() {
        return probeSeen;
    }

    /** Starts counting the events of a run; those of any other run are ignored from now on. */
    Tally start(long run) {
        Tally tally = new Tally(run);
        current = tally;
        return tally;
    }

    /** What one run's subscriber received. */
    static final class Tally {
        private final long run;
        private final Recorder latency = new Recorder(HIGHEST_LATENCY_NANOS, 2);
        private final LongAdder delivered = new LongAdder();
        private final AtomicLong lastDeliveryNanos = new AtomicLong();

        private Tally(long run) {
            this.run = run;
        }

        long run() {
            return run;
        }

        private void record(long now, long latencyNanos) {
            latency.recordValue(Math.min(Math.max(latencyNanos, 0), HIGHEST_LATENCY_NANOS));
            lastDeliveryNanos.accumulateAndGet(now, Math::max);
            delivered.increment();
        }

        long delivered() {
            return delivered.sum();
        }

        /** Returns when the last event was handled, as {@link System#nanoTime()}; 0 before the first. */
        long lastDeliveryNanos() {
            return lastDeliveryNanos.get();
        }

        /** Returns the latencies recorded so far; call it once, when the run is over. */
        Histogram latencies() {
            return latency.getIntervalHistogram();
        }
    }
}
