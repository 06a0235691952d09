package org.chatapp.redis;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Lets a blocking call spin briefly for its reply before it parks. A nearby server answers in tens
 * of microseconds, about what it costs to park a thread and have the event loop wake it again;
 * spinning skips that hand-off and about doubles what one thread gets through.
 *
 * <p>Spinning happens only where it pays:
 * <ul>
 * <li>when the call is the only blocking call of its service waiting: with others waiting, the
 *     event loop and the server are busy anyway and a spinning thread would only take their CPU;
 * <li>in one thread of the JVM at a time, so it never takes more than one core;
 * <li>while most spins end with the reply. When replies take longer than the limit (a slow
 *     network, a loaded server) spinning stops, and one spin every {@value #PROBE_INTERVAL_MILLIS}
 *     ms tries again; a probe may spin {@value #PROBE_FACTOR} times as long (at most a millisecond),
 *     because while callers park every thread on the path sleeps between calls and replies come
 *     back slower than they will once spinning is on. The first probe that ends with the reply turns
 *     spinning back on. Replies between the limit and a millisecond (a network) therefore cost a
 *     cycle every {@value #PROBE_INTERVAL_MILLIS} ms: a probe that turns spinning on, then the misses
 *     that turn it off, about 2 ms of one core, 3 to 4 %.
 * </ul>
 */
final class ReplySpin {

    /** One spinner per JVM: the bound on the CPU that spinning may take. */
    private static final AtomicBoolean SPINNING = new AtomicBoolean();

    static final long PROBE_INTERVAL_MILLIS = 50;
    static final int PROBE_FACTOR = 10;
    private static final long PROBE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(PROBE_INTERVAL_MILLIS);
    private static final long MAX_PROBE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Shares of spins that ended with the reply, out of {@value #ALL}. */
    private static final int ALL = 1024;
    private static final int ON_AT_LEAST = ALL / 2;
    /** Where a successful probe puts the share: on, with room for a few misses. */
    private static final int AFTER_PROBE = ALL * 3 / 4;
    /** Each spin moves the share a sixteenth of the way, so a passing stall does not turn it off. */
    private static final int AVERAGE_SHIFT = 4;

    private final long limitNanos;
    private final long probeLimitNanos;
    private final LongSupplier nanoClock;

    /**
     * Written without a lock: the share only by the one thread spinning, the probe time by whichever
     * call finds a probe due; a lost update costs one probe more or less, so volatile is enough.
     */
    private volatile int hitShare = ALL;
    private volatile long nextProbeNanos;

    ReplySpin(Duration limit, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.limitNanos = limit.toNanos();
        this.probeLimitNanos = Math.max(limitNanos, Math.min(limitNanos * PROBE_FACTOR, MAX_PROBE_NANOS));
        // A probe is due at once; nanoTime may be negative, so "now", not 0, is the start.
        this.nextProbeNanos = nanoClock.getAsLong();
    }

    /**
     * Spins until the reply is in or the limit passes, when spinning is worthwhile; else returns at once.
     *
     * @param alone whether this is the only blocking call of the service waiting for a reply
     */
    void awaitBriefly(Future<?> reply, boolean alone) {
        if (limitNanos == 0 || !alone || reply.isDone()) {
            return;
        }
        boolean probe = !isOn();
        if (probe && !probeDue() || !SPINNING.compareAndSet(false, true)) {
            return;
        }
        try {
            long spinNanos = probe ? probeLimitNanos : limitNanos;
            long start = nanoClock.getAsLong();
            while (!reply.isDone() && nanoClock.getAsLong() - start < spinNanos) {
                Thread.onSpinWait();
            }
            boolean hit = reply.isDone();
            int share = hitShare;
            if (probe) {
                hitShare = hit ? AFTER_PROBE : share;
            } else {
                hitShare = share + (((hit ? ALL : 0) - share) >> AVERAGE_SHIFT);
            }
        } finally {
            SPINNING.set(false);
        }
    }

    /** Returns whether a probe may run now, and if so, puts the next one an interval away. */
    private boolean probeDue() {
        long now = nanoClock.getAsLong();
        if (now - nextProbeNanos < 0) {
            return false;
        }
        nextProbeNanos = now + PROBE_INTERVAL_NANOS;
        return true;
    }

    /** Returns whether spinning is on: it is while most spins end with the reply. */
    boolean isOn() {
        return hitShare >= ON_AT_LEAST;
    }
}
