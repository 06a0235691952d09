package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The spin's decisions, on a clock that moves a microsecond each time it is read and replies that
 * arrive after being looked for a given number of times: no test here depends on real time.
 */
class ReplySpinTest {

    private static final Duration LIMIT = Duration.ofNanos(100_000);
    private static final long TICK_NANOS = 1_000;
    /** Clock reads, and so polls, in one spin of the limit. */
    private static final int TICKS_PER_SPIN = (int) (LIMIT.toNanos() / TICK_NANOS);

    private final AtomicLong now = new AtomicLong();
    private final LongSupplier clock = () -> now.addAndGet(TICK_NANOS);

    @Test
    void awaitBriefly_replyArrivesWithinTheLimit_returnsWithTheReply() {
        ReplySpin spin = new ReplySpin(LIMIT, clock);
        Reply reply = new Reply(10);

        spin.awaitBriefly(reply, true);

        assertThat(reply).isDone();
        assertThat(spin.isOn()).isTrue();
    }

    @Test
    void awaitBriefly_spinningOff_doesNotSpin() {
        ReplySpin spin = new ReplySpin(Duration.ZERO, clock);
        Reply never = Reply.never();

        spin.awaitBriefly(never, true);

        assertThat(never.polls).isZero();
    }

    @Test
    void awaitBriefly_otherCallsWaiting_doesNotSpin() {
        ReplySpin spin = new ReplySpin(LIMIT, clock);
        Reply never = Reply.never();

        spin.awaitBriefly(never, false);

        assertThat(never.polls).isZero();
    }

    @Test
    void awaitBriefly_noReply_spinsUpToTheLimit() {
        ReplySpin spin = new ReplySpin(LIMIT, clock);
        Reply never = Reply.never();

        spin.awaitBriefly(never, true);

        // One poll per clock tick, a little over the limit's worth of ticks.
        assertThat(never.polls).isBetween(TICKS_PER_SPIN - 2, TICKS_PER_SPIN + 2);
    }

    @Test
    void awaitBriefly_aFewMisses_staysOn() {
        ReplySpin spin = new ReplySpin(LIMIT, clock);
        for (int i = 0; i < 4; i++) {
            spin.awaitBriefly(Reply.never(), true);
        }

        assertThat(spin.isOn()).as("a passing stall does not stop spinning").isTrue();
    }

    @Test
    void awaitBriefly_repliesSlowerThanTheLimit_stopsThenProbesOncePerInterval() {
        ReplySpin spin = new ReplySpin(LIMIT, clock);
        turnOff(spin);

        Reply never = Reply.never();
        int calls = 1000;
        for (int i = 0; i < calls; i++) {
            spin.awaitBriefly(never, true);
        }

        // Each call looks once whether the reply is in; beyond that, 1000 calls in far less than a
        // probe interval spin at most once, for up to PROBE_FACTOR x the limit, instead of 1000 times.
        assertThat(never.polls).isLessThanOrEqualTo(calls + ReplySpin.PROBE_FACTOR * TICKS_PER_SPIN + 2);
    }

    @Test
    void awaitBriefly_fastRepliesAgain_probeTurnsSpinningBackOn() {
        ReplySpin spin = new ReplySpin(LIMIT, clock);
        turnOff(spin);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ReplySpin.PROBE_INTERVAL_MILLIS));

        // Slower than a spin's limit, within a probe's.
        spin.awaitBriefly(new Reply(3 * TICKS_PER_SPIN), true);

        assertThat(spin.isOn()).isTrue();
    }

    @Test
    void awaitBriefly_repliesSlowerThanAProbe_probeLeavesSpinningOff() {
        ReplySpin spin = new ReplySpin(LIMIT, clock);
        turnOff(spin);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ReplySpin.PROBE_INTERVAL_MILLIS));

        spin.awaitBriefly(new Reply(ReplySpin.PROBE_FACTOR * TICKS_PER_SPIN * 2), true);

        assertThat(spin.isOn()).isFalse();
    }

    /** Spins with no reply until spinning stops; a few misses are not enough, a run of them is. */
    private static void turnOff(ReplySpin spin) {
        for (int i = 0; i < 100 && spin.isOn(); i++) {
            spin.awaitBriefly(Reply.never(), true);
        }
        assertThat(spin.isOn()).isFalse();
    }

    /** A reply that arrives once the caller has looked for it a given number of times. */
    private static final class Reply extends CompletableFuture<String> {

        private final int arrivesAtPoll;
        int polls;

        Reply(int arrivesAtPoll) {
            this.arrivesAtPoll = arrivesAtPoll;
        }

        static Reply never() {
            return new Reply(Integer.MAX_VALUE);
        }

        @Override
        public boolean isDone() {
            if (++polls >= arrivesAtPoll) {
                complete("OK");
            }
            return super.isDone();
        }
    }
}
