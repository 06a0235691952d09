package org.chatapp.redis.local;

import java.time.Duration;
import java.util.Locale;

/**
 * Repeats a check until it passes or a deadline passes, so every wait in this module has one
 * timeout and one message that says what it was waiting for and what it saw last.
 */
final class Polling {

    static final Duration INTERVAL = Duration.ofMillis(50);

    private Polling() {
    }

    /** A check that returns its result when the awaited state is reached. */
    @FunctionalInterface
    interface Probe<T> {

        /**
         * Returns the result when the state is reached.
         *
         * @throws NotReady with what was observed instead
         */
        T check() throws NotReady;
    }

    /** Thrown by a probe whose state is not reached yet; the message says what it saw. */
    static final class NotReady extends Exception {

        private static final long serialVersionUID = 1L;

        NotReady(String observation) {
            // No stack trace: these are thrown on every poll and only the message is ever shown.
            super(observation, null, false, false);
        }
    }

    /**
     * Runs the probe every {@link #INTERVAL} until it returns a result.
     *
     * @throws LocalRedisException if the timeout passes first, with the last observation
     */
    static <T> T await(String what, Duration timeout, Probe<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastObservation = "nothing observed yet";
        while (true) {
            try {
                return probe.check();
            } catch (NotReady notReady) {
                lastObservation = notReady.getMessage();
            } catch (LocalRedisException unreachable) {
                lastObservation = unreachable.getMessage();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new LocalRedisException("Timed out after " + describe(timeout) + " waiting for "
                        + what + "; last observation: " + lastObservation);
            }
            pause(INTERVAL, what);
        }
    }

    /** Sleeps between two polls, turning an interrupt into an exception that keeps the flag. */
    static void pause(Duration interval, String what) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalRedisException("Interrupted while waiting for " + what, e);
        }
    }

    /** Formats a duration for people, e.g. {@code 1.5 s} or {@code 300 ms}. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
