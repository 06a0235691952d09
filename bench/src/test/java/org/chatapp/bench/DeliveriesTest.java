package org.chatapp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the pub/sub cases' subscriber counts: only the current run's events, each with its latency. */
class DeliveriesTest {

    @Test
    void accept_eventOfTheCurrentRun_countedWithItsLatency() {
        Deliveries deliveries = new Deliveries();
        Deliveries.Tally tally = deliveries.start(7);

        deliveries.accept(new BenchEvent(7, System.nanoTime() - 1_000_000, BenchEvent.TEXT));

        assertThat(tally.delivered()).isEqualTo(1);
        assertThat(tally.lastDeliveryNanos()).isPositive();
        assertThat(tally.latencies().getMaxValue()).isGreaterThanOrEqualTo(1_000_000);
    }

    @Test
    void accept_lateEventOfAnEarlierRun_notCounted() {
        Deliveries deliveries = new Deliveries();
        deliveries.start(7);
        Deliveries.Tally next = deliveries.start(8);

        deliveries.accept(new BenchEvent(7, System.nanoTime(), BenchEvent.TEXT));

        assertThat(next.delivered()).isZero();
        assertThat(next.latencies().getTotalCount()).isZero();
    }

    @Test
    void accept_probe_seenButNotCounted() {
        Deliveries deliveries = new Deliveries();
        Deliveries.Tally tally = deliveries.start(7);

        deliveries.accept(new BenchEvent(BenchEvent.PROBE, System.nanoTime(), BenchEvent.TEXT));

        assertThat(deliveries.probeSeen()).isTrue();
        assertThat(tally.delivered()).isZero();
    }
}
