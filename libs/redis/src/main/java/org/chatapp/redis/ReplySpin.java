package org.chatapp.redis;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets a blocking call spin briefly for its reply before it parks. A nearby server answers in tens
 * of microseconds, about what it costs to park a thread and have the event loop wake it again;
 * spinning skips that hand-off and about doubles what one thread gets through.
 *
 * <p>Spinning is kept cheap where it does not pay. After {@value #MISSES_TO_STOP} spins in a row
 * end without the reply (a slow network, a loaded server), it stops, apart from one call in
 * {@value #PROBE_ONE_IN} that tries again; the first spin that ends with the reply turns it back
 * on. And only one thread of the JVM spins at a time, so spinning never takes more than one core,
 * and many waiting threads never starve the event loops of CPU.
 */
final class ReplySpin {

    /** One spinner per JVM: the bound on the CPU that spinning may take. */
    private static final AtomicBoolean SPINNING = new AtomicBoolean();

    static final int MISSES_TO_STOP = 4;
    static final int PROBE_ONE_IN = 16;

    private final long limitNanos;

    /** Written only by the one spinning thread; read by all, so volatile is enough. */
    private volatile int missesInARow;

    ReplySpin(Duration limit) {
        this.limitNanos = limit.toNanos();
    }

    /** Spins until the reply is in or the limit passes, when spinning is worthwhile; else returns at once. */
    void awaitBriefly(Future<?> reply) {
        if (limitNanos == 0 || reply.isDone() || !worthTrying() || !SPINNING.compareAndSet(false, true)) {
            return;
        }
        try {
            long start = System.nanoTime();
            while (!reply.isDone() && System.nanoTime() - start < limitNanos) {
                Thread.onSpinWait();
            }
            missesInARow = reply.isDone() ? 0 : missesInARow + 1;
        } finally {
            SPINNING.set(false);
        }
    }

    private boolean worthTrying() {
        return missesInARow < MISSES_TO_STOP || ThreadLocalRandom.current().nextInt(PROBE_ONE_IN) == 0;
    }

    /** Returns whether spinning is on: it is, until spins keep ending without the reply. */
    boolean isOn() {
        return missesInARow < MISSES_TO_STOP;
    }
}
