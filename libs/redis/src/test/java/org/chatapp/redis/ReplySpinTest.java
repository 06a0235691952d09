package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplySpinTest {

    private static final Duration LIMIT = Duration.ofMillis(1);

    private final ScheduledExecutorService replies = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopReplies() {
        replies.shutdownNow();
    }

    @Test
    void awaitBriefly_replyArrivesWithinTheLimit_returnsWithTheReply() {
        // A generous limit, so a slow machine cannot turn this into a miss.
        ReplySpin spin = new ReplySpin(Duration.ofSeconds(5));
        CompletableFuture<String> reply = replyIn(Duration.ofNanos(50_000));

        spin.awaitBriefly(reply, true);

        assertThat(reply).isDone();
        assertThat(spin.isOn()).isTrue();
    }

    @Test
    void awaitBriefly_spinningOff_returnsAtOnce() {
        assertReturnsAtOnce(new ReplySpin(Duration.ZERO), true);
    }

    @Test
    void awaitBriefly_otherCallsWaiting_returnsAtOnce() {
        assertReturnsAtOnce(new ReplySpin(LIMIT), false);
    }

    @Test
    void awaitBriefly_repliesSlowerThanTheLimit_stopsSpinningAfterSomeMissesThenProbesRarely() {
        ReplySpin spin = new ReplySpin(LIMIT);
        CompletableFuture<String> never = new CompletableFuture<>();

        turnOff(spin);

        // Off, one spin per probe interval at most: 1000 calls cost at most a few spins, not 1000.
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            spin.awaitBriefly(never, true);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LIMIT.multipliedBy(100));
    }

    @Test
    void awaitBriefly_fastRepliesAgain_turnsSpinningBackOn() throws InterruptedException {
        ReplySpin spin = new ReplySpin(LIMIT);
        turnOff(spin);

        for (int i = 0; i < 20 && !spin.isOn(); i++) {
            Thread.sleep(ReplySpin.PROBE_INTERVAL_MILLIS + 10);
            CompletableFuture<String> fast = replyIn(Duration.ofNanos(50_000));
            spin.awaitBriefly(fast, true);
        }

        assertThat(spin.isOn()).isTrue();
    }

    @Test
    void awaitBriefly_aFewMissesAmongHits_staysOn() {
        ReplySpin spin = new ReplySpin(Duration.ofMillis(1));
        CompletableFuture<String> never = new CompletableFuture<>();
        for (int i = 0; i < 4; i++) {
            spin.awaitBriefly(never, true);
        }

        assertThat(spin.isOn()).as("a passing stall does not stop spinning").isTrue();
    }

    /** Spins with no reply until spinning stops; a few misses must not be enough, a run of them must. */
    private static void turnOff(ReplySpin spin) {
        CompletableFuture<String> never = new CompletableFuture<>();
        for (int i = 0; i < 100 && spin.isOn(); i++) {
            spin.awaitBriefly(never, true);
        }
        assertThat(spin.isOn()).isFalse();
    }

    private static void assertReturnsAtOnce(ReplySpin spin, boolean alone) {
        CompletableFuture<String> never = new CompletableFuture<>();
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            spin.awaitBriefly(never, alone);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LIMIT);
    }

    private CompletableFuture<String> replyIn(Duration delay) {
        CompletableFuture<String> reply = new CompletableFuture<>();
        replies.schedule(() -> reply.complete("OK"), delay.toNanos(), TimeUnit.NANOSECONDS);
        return reply;
    }
}
