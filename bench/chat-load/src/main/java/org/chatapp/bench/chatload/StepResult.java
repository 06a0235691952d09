package org.chatapp.bench.chatload;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One step of one run: the rate sent and what the sockets saw.
 *
 * @param run the run, from 1
 * @param messagesPerSecond the rate the sender kept to
 * @param members members per conversation: deliveries per message
 * @param deliveriesPerSecond deliveries that arrived while the sender was sending, per second of sending
 * @param delivery end-to-end latency in microseconds, planned send time to {@code message.created} at a socket
 * @param sendCall the send call's latency in microseconds, planned send time to its response
 * @param cpuCores cores each part kept busy while the sender was sending
 */
record StepResult(int run, double messagesPerSecond, int members, double deliveriesPerSecond, int sent, int sendErrors, int skipped,
        int incomplete, long duplicates, long misrouted, Histogram delivery, Histogram sendCall, Map<String, Double> cpuCores) {

    /** The goal's bound on the p99 of delivery. */
    static final long P99_GOAL_MICROS = 50_000;
    /** A step that delivers less than this share of its target per second did not keep up, whatever its latency. */
    static final double KEPT_UP = 0.95;

    double targetDeliveriesPerSecond() {
        return messagesPerSecond * members;
    }

    /** Whether every message sent went out, was stored, and reached every member's socket exactly once. */
    boolean lossless() {
        return sendErrors == 0 && skipped == 0 && incomplete == 0 && duplicates == 0 && misrouted == 0;
    }

    /** Whether the deliveries per second reached the target, within {@link #KEPT_UP}, and the sender never had to skip. */
    boolean keptUp() {
        return skipped == 0 && deliveriesPerSecond >= KEPT_UP * targetDeliveriesPerSecond();
    }

    /** Whether the platform kept up with the target at a delivery p99 under the goal's bound, losing nothing. */
    boolean sustained() {
        return lossless() && keptUp() && delivery.getValueAtPercentile(99) < P99_GOAL_MICROS;
    }
}
