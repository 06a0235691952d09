package org.chatapp.bench;

import org.HdrHistogram.Histogram;

/**
 * The outcome of one timed run.
 *
 * @param operations calls completed in the run; in a pub/sub run, events delivered to the handler
 * @param seconds how long the run took
 * @param p50Nanos median latency of a call
 * @param p99Nanos 99th percentile latency of a call
 * @param cpuNanos CPU time the benchmark's JVM used during the run, all its threads together, or
 *        {@link #CPU_NOT_MEASURED} for a peer that runs in a process of its own
 * @param lost in a pub/sub run, events published that never reached the handler; 0 elsewhere
 * @param loads in a cache-stampede run, the loader calls the callers caused together, or
 *        {@link #LOADS_NOT_COUNTED} elsewhere
 */
record RunResult(long operations, double seconds, long p50Nanos, long p99Nanos, long cpuNanos, long lost, long loads) {

    static final long CPU_NOT_MEASURED = -1;
    static final long LOADS_NOT_COUNTED = -1;

    /** Returns the result of a run that counted no loader calls. */
    RunResult(long operations, double seconds, long p50Nanos, long p99Nanos, long cpuNanos, long lost) {
        this(operations, seconds, p50Nanos, p99Nanos, cpuNanos, lost, LOADS_NOT_COUNTED);
    }

    /** Returns the result of a run whose CPU time was not measured. */
    RunResult(long operations, double seconds, long p50Nanos, long p99Nanos) {
        this(operations, seconds, p50Nanos, p99Nanos, CPU_NOT_MEASURED, 0);
    }

    /** Returns the result of a run whose per-call latencies, in nanoseconds, are in the histogram. */
    static RunResult of(Histogram latency, double seconds) {
        return new RunResult(latency.getTotalCount(), seconds, latency.getValueAtPercentile(50),
                latency.getValueAtPercentile(99));
    }

    /** Returns this result with the CPU time the JVM used during the run. */
    RunResult withCpuNanos(long cpuNanos) {
        return new RunResult(operations, seconds, p50Nanos, p99Nanos, cpuNanos, lost, loads);
    }

    /** Returns this result with the events that were published and never delivered. */
    RunResult withLost(long lost) {
        return new RunResult(operations, seconds, p50Nanos, p99Nanos, cpuNanos, lost, loads);
    }

    /** Returns this result with the loader calls of a cache-stampede run. */
    RunResult withLoads(long loads) {
        return new RunResult(operations, seconds, p50Nanos, p99Nanos, cpuNanos, lost, loads);
    }

    double opsPerSecond() {
        return operations / seconds;
    }

    /** Returns the share of the events published that reached the handler, 1 where nothing was lost. */
    double deliveredShare() {
        return operations + lost == 0 ? 1 : (double) operations / (operations + lost);
    }

    boolean cpuMeasured() {
        return cpuNanos != CPU_NOT_MEASURED;
    }

    /** Returns the JVM's CPU time per call, in microseconds: what a call costs, not only how long it takes. */
    double cpuMicrosPerOperation() {
        return cpuNanos / 1000.0 / operations;
    }

    /** Returns the JVM's CPU time per second of the run: how many cores it kept busy on average. */
    double cpuCores() {
        return cpuNanos / 1e9 / seconds;
    }
}
