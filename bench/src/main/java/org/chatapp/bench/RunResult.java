package org.chatapp.bench;

import org.HdrHistogram.Histogram;

/**
 * The outcome of one timed run.
 *
 * @param operations calls completed in the run
 * @param seconds how long the run took
 * @param latency per-call latency in nanoseconds
 */
record RunResult(long operations, double seconds, Histogram latency) {

    double opsPerSecond() {
        return operations / seconds;
    }
}
