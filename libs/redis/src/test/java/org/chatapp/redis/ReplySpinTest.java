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

        spin.awaitBriefly(reply);

        assertThat(reply).isDone();
        assertThat(spin.isOn()).isTrue();
    }

    @Test
    void awaitBriefly_spinningOff_returnsAtOnce() {
        ReplySpin spin = new ReplySpin(Duration.ZERO);
        CompletableFuture<String> never = new CompletableFuture<>();

        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            spin.awaitBriefly(never);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LIMIT);
    }

    @Test
    void awaitBriefly_repliesSlowerThanTheLimit_stopsSpinningAfterAFewMisses() {
        ReplySpin spin = new ReplySpin(LIMIT);
        CompletableFuture<String> never = new CompletableFuture<>();

        for (int i = 0; i < ReplySpin.MISSES_TO_STOP; i++) {
            assertThat(spin.isOn()).isTrue();
            spin.awaitBriefly(never);
        }
        assertThat(spin.isOn()).isFalse();

        // Off, only about one call in PROBE_ONE_IN still spins: far less than a spin per call.
        int calls = 50 * ReplySpin.PROBE_ONE_IN;
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            spin.awaitBriefly(never);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LIMIT.multipliedBy(calls / 4));
    }

    @Test
    void awaitBriefly_fastRepliesAgain_turnsSpinningBackOn() {
        ReplySpin spin = new ReplySpin(LIMIT);
        CompletableFuture<String> never = new CompletableFuture<>();
        for (int i = 0; i < ReplySpin.MISSES_TO_STOP; i++) {
            spin.awaitBriefly(never);
        }
        assertThat(spin.isOn()).isFalse();

        for (int i = 0; i < 100 * ReplySpin.PROBE_ONE_IN && !spin.isOn(); i++) {
            spin.awaitBriefly(replyIn(Duration.ofNanos(50_000)));
        }

        assertThat(spin.isOn()).isTrue();
    }

    private CompletableFuture<String> replyIn(Duration delay) {
        CompletableFuture<String> reply = new CompletableFuture<>();
        replies.schedule(() -> reply.complete("OK"), delay.toNanos(), TimeUnit.NANOSECONDS);
        return reply;
    }
}
