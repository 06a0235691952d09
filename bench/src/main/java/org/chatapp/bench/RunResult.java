package org.chatapp.bench;

import org.HdrHistogram.Histogram;

/**
 * The outcome of one timed run.
 *
 * @param operations calls completed in the run
 * @param seconds how long the run took
 * @param p50Nanos median latency of a call
 * @param p99Nanos 99th percentile latency of a call
 */
record RunResult(long operations, double seconds, long p50Nanos, long p99Nanos) {

    /** Returns the result of a run whose per-call latencies, in nanoseconds, are in the histogram. */
    static RunResult of(Histogram latency, double seconds) {
        return new RunResult(latency.getTotalCount(), seconds, latency.getValueAtPercentile(50),
                latency.getValueAtPercentile(99));
    }

    double opsPerSecond() {
        return operations / seconds;
    }
}
