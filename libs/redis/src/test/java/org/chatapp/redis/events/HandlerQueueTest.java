package org.chatapp.redis.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.chatapp.redis.ValueCodec;
import org.junit.jupiter.api.Test;

/** The per-subscription queue, driven by an executor that runs submitted drains only when told: no threads, no sleeps. */
class HandlerQueueTest {

    private final StepExecutor executor = new StepExecutor();
    private final EventCounters counters = new EventCounters();
    private final List<String> handled = new ArrayList<>();

    private HandlerQueue<String> queue(int capacity, EventHandler<String> handler) {
        return new HandlerQueue<>("channel 'test'", ValueCodec.json(String.class), handler, capacity, executor, counters);
    }

    private static byte[] json(String text) {
        return ("\"" + text + "\"").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void offer_queueFull_dropsTheNewEventAndCountsIt() {
        HandlerQueue<String> queue = queue(2, (channel, event) -> handled.add(event));

        queue.offer("c", json("a"));
        queue.offer("c", json("b"));
        queue.offer("c", json("c"));
        executor.runAll();

        assertThat(handled).containsExactly("a", "b");
        assertThat(counters.snapshot().droppedOnOverflow()).isEqualTo(1);
        assertThat(counters.snapshot().delivered()).isEqualTo(2);
    }

    @Test
    void run_handlerThrows_countsTheFailureAndHandlesTheNextEvent() {
        HandlerQueue<String> queue = queue(10, (channel, event) -> {
            if (event.equals("bad")) {
                throw new IllegalStateException("handler bug");
            }
            handled.add(event);
        });

        queue.offer("c", json("bad"));
        queue.offer("c", json("good"));
        executor.runAll();

        assertThat(handled).containsExactly("good");
        assertThat(counters.snapshot().handlerFailures()).isEqualTo(1);
        assertThat(counters.snapshot().delivered()).isEqualTo(1);
    }

    @Test
    void run_handlerThrowsAnError_subscriptionStillDrains() {
        HandlerQueue<String> queue = queue(10, (channel, event) -> {
            if (event.equals("bad")) {
                throw new AssertionError("handler assertion");
            }
            handled.add(event);
        });

        queue.offer("c", json("bad"));
        queue.offer("c", json("good"));
        executor.runAll();

        assertThat(handled).containsExactly("good");
        assertThat(counters.snapshot().handlerFailures()).isEqualTo(1);
    }

    @Test
    void run_payloadNotOfTheType_countedAsUndecodableAndNextHandled() {
        HandlerQueue<String> queue = queue(10, (channel, event) -> handled.add(event));

        queue.offer("c", "{\"not\":\"a string\"}".getBytes(StandardCharsets.UTF_8));
        queue.offer("c", "not json at all".getBytes(StandardCharsets.UTF_8));
        queue.offer("c", json("fine"));
        executor.runAll();

        assertThat(handled).containsExactly("fine");
        assertThat(counters.snapshot().undecodable()).isEqualTo(2);
    }

    @Test
    void run_eventsOfOneSubscription_handledInOrderByOneDrainAtATime() {
        HandlerQueue<String> queue = queue(1_000, (channel, event) -> handled.add(event));

        for (int i = 0; i < 200; i++) {
            queue.offer("c", json("e" + i));
        }

        assertThat(executor.submitted()).as("drains submitted for 200 events").isEqualTo(1);
        executor.runAll();
        assertThat(handled).hasSize(200).startsWith("e0", "e1", "e2").endsWith("e199");
    }

    @Test
    void run_moreThanABatch_givesTheThreadBackAndResubmits() {
        HandlerQueue<String> queue = queue(1_000, (channel, event) -> handled.add(event));
        for (int i = 0; i < HandlerQueue.BATCH + 1; i++) {
            queue.offer("c", json("e" + i));
        }

        executor.runOne();

        assertThat(handled).hasSize(HandlerQueue.BATCH);
        assertThat(executor.submitted()).as("the rest waits in a drain of its own, behind other subscriptions").isEqualTo(1);
    }

    @Test
    void run_handlerGetsTheChannelItWasPublishedTo() {
        List<String> channels = new ArrayList<>();
        HandlerQueue<String> queue = queue(10, (channel, event) -> channels.add(channel));

        queue.offer("room:1", json("a"));
        queue.offer("room:2", json("b"));
        executor.runAll();

        assertThat(channels).containsExactly("room:1", "room:2");
    }

    @Test
    void close_queuedEventsDroppedAndLaterOnesIgnored() {
        HandlerQueue<String> queue = queue(10, (channel, event) -> handled.add(event));
        queue.offer("c", json("a"));

        queue.close();
        queue.offer("c", json("b"));
        executor.runAll();

        assertThat(handled).isEmpty();
        assertThat(counters.snapshot().droppedOnOverflow()).isZero();
    }

    @Test
    void isWorthALine_powersOfTenOnly() {
        assertThat(List.of(1L, 2L, 9L, 10L, 11L, 100L, 1000L, 999L, Long.MAX_VALUE))
                .map(HandlerQueue::isWorthALine)
                .containsExactly(true, false, false, true, false, true, true, false, false);
    }

    /** Holds submitted tasks until the test runs them. */
    private static final class StepExecutor implements Executor {
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        int submitted() {
            return tasks.size();
        }

        void runOne() {
            tasks.poll().run();
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                runOne();
            }
        }
    }
}
