package org.chatapp.bench.chatload;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one step sent and what every socket received. Message {@code seq} goes to conversation
 * {@code seq % conversations}; each of its members' sockets sets the member's bit in the
 * message's mask, so a second arrival at the same socket is a duplicate and a mask short of all
 * members at the end is a loss. Latency is taken from the message's planned send time (open loop:
 * a sender that falls behind counts against the platform, never hides a stall).
 *
 * <p>Receivers call {@link #received} from the WebSocket clients' threads; the sender writes a
 * message's send time before its request leaves, through an atomic array so the receiver sees it.
 */
final class DeliveryLedger {

    /** Latencies up to a minute, microseconds, 3 significant digits. */
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);

    private final int tag;
    private final int conversations;
    private final long allMembers;
    private final AtomicLongArray sentAt;
    private final AtomicLongArray members;
    private final AtomicLongArray leftAt;
    private final AtomicLongArray respondedAt;
    private final AtomicLongArray lastArrivalAt;
    private final Histogram delivery = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final Histogram sendCall = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder deliveriesInWindow = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder misrouted = new LongAdder();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger sendErrors = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    DeliveryLedger(int tag, int capacity, int conversations, int membersPerConversation) {
        this.tag = tag;
        this.conversations = conversations;
        this.allMembers = membersPerConversation == 64 ? -1L : (1L << membersPerConversation) - 1;
        this.sentAt = new AtomicLongArray(capacity);
        this.members = new AtomicLongArray(capacity);
        this.leftAt = new AtomicLongArray(capacity);
        this.respondedAt = new AtomicLongArray(capacity);
        this.lastArrivalAt = new AtomicLongArray(capacity);
    }

    int tag() {
        return tag;
    }

    int capacity() {
        return sentAt.length();
    }

    int conversationOf(int seq) {
        return seq % conversations;
    }

    /** Returns the message's text: its step and number first, then filler to a chat message's usual length. */
    String text(int seq) {
        return "load " + tag + " " + seq + " the quick brown fox jumps over the lazy dog";
    }

    String clientMessageId(int seq) {
        return "load-" + tag + "-" + seq;
    }

    void windowStarts(long nanos) {
        windowStart = nanos;
    }

    void windowEnds(long nanos) {
        windowEnd = nanos;
    }

    /** Records that the message's request leaves now, planned for {@code plannedNanos}. */
    void sending(int seq, long plannedNanos) {
        sentAt.set(seq, plannedNanos);
        leftAt.set(seq, System.nanoTime());
        sent.incrementAndGet();
    }

    /** Records the send's response: its status and when it came. */
    void sendCompleted(int seq, int status, long nanos) {
        respondedAt.set(seq, nanos);
        sendCall.recordValue(micros(nanos - sentAt.get(seq)));
        if (status != 201) {
            sendErrors.incrementAndGet();
        }
    }

    void sendFailed() {
        sendErrors.incrementAndGet();
    }

    /** Records a message the sender did not send because too many were in flight: the platform did not keep up. */
    void skipped() {
        skipped.incrementAndGet();
    }

    /** Records a {@code message.created} of this step at a member's socket. */
    void received(int conversation, int member, int seq, long nanos) {
        if (seq < 0 || seq >= sentAt.length() || conversationOf(seq) != conversation) {
            misrouted.increment();
            return;
        }
        long bit = 1L << member;
        long before = members.getAndUpdate(seq, mask -> mask | bit);
        if ((before & bit) != 0) {
            duplicates.increment();
            return;
        }
        deliveries.increment();
        lastArrivalAt.accumulateAndGet(seq, nanos, Math::max);
        if (nanos >= windowStart && nanos <= windowEnd) {
            deliveriesInWindow.increment();
        }
        delivery.recordValue(micros(nanos - sentAt.get(seq)));
        if ((before | bit) == allMembers) {
            completed.incrementAndGet();
        }
    }

    /** Returns whether every message sent with a 201 reached every member's socket. */
    boolean allDelivered() {
        return completed.get() >= sent.get() - sendErrors.get();
    }

    int sent() {
        return sent.get();
    }

    int sendErrors() {
        return sendErrors.get();
    }

    int skippedCount() {
        return skipped.get();
    }

    long deliveries() {
        return deliveries.sum();
    }

    long deliveriesInWindow() {
        return deliveriesInWindow.sum();
    }

    long duplicates() {
        return duplicates.sum();
    }

    long misrouted() {
        return misrouted.sum();
    }

    /** Returns how many messages sent (201 or not) did not reach all their members. */
    int incomplete() {
        return sent.get() - completed.get();
    }

    Histogram deliveryLatency() {
        return delivery.copy();
    }

    Histogram sendLatency() {
        return sendCall.copy();
    }

    /**
     * Writes one line per message sent: when it was planned (UTC epoch milliseconds), how late its
     * request left, how long the send call took and when its last member had it (both from the
     * plan, -1 when it never came). What a latency tail is laid against: collector pauses, periodic work.
     *
     * @param epochMillisAtNanoZero the wall clock, in milliseconds, at {@code System.nanoTime() == 0}
     */
    void writeTimeline(Path file, double epochMillisAtNanoZero) {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.println("planned_utc_ms,conversation,late_ms,send_ms,last_delivery_ms");
            for (int seq = 0; seq < sentAt.length(); seq++) {
                long planned = sentAt.get(seq);
                if (planned == 0) {
                    continue;
                }
                // ROOT: a comma locale would write decimal commas into the CSV.
                out.printf(Locale.ROOT, "%.1f,%d,%.2f,%.2f,%.2f%n", epochMillisAtNanoZero + planned / 1e6, conversationOf(seq),
                        (leftAt.get(seq) - planned) / 1e6, sinceMillis(planned, respondedAt.get(seq)), sinceMillis(planned, lastArrivalAt.get(seq)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static double sinceMillis(long planned, long nanos) {
        return nanos == 0 ? -1 : (nanos - planned) / 1e6;
    }

    private static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1_000));
    }
}
