package org.chatapp.redis.events;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.ValueCodecException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events waiting for one subscription's handler, handed to the shared handler threads one drain
 * at a time: a subscription's events run one after another and in order, and a slow handler holds
 * one thread and fills its own queue only, so other subscriptions keep running on the others.
 *
 * <p>{@link #offer} is called on a Redis event loop and never blocks: a full queue drops the new
 * event and counts it. Decoding happens on the handler thread, off the event loop. A drain handles
 * at most {@link #BATCH} events before it gives its thread back, so that many busy subscriptions
 * share the threads fairly.
 *
 * @param <T> the type the events are read as
 */
final class HandlerQueue<T> implements Runnable {

    /** Events one drain handles before it lets the next subscription's drain have the thread. */
    static final int BATCH = 64;

    private static final Logger log = LoggerFactory.getLogger(HandlerQueue.class);

    private final String subscription;
    private final ValueCodec<T> codec;
    private final EventHandler<? super T> handler;
    private final Executor executor;
    private final EventCounters counters;
    private final ArrayBlockingQueue<Delivery> pending;
    /** Whether a drain is submitted or running; at most one is, which keeps the events in order. */
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private volatile boolean closed;

    HandlerQueue(String subscription, ValueCodec<T> codec, EventHandler<? super T> handler, int capacity, Executor executor,
            EventCounters counters) {
        this.subscription = subscription;
        this.codec = codec;
        this.handler = handler;
        this.executor = executor;
        this.counters = counters;
        this.pending = new ArrayBlockingQueue<>(capacity);
    }

    /** Queues an event for the handler, or drops and counts it when the queue is full. */
    void offer(String channel, byte[] payload) {
        if (closed) {
            return;
        }
        if (!pending.offer(new Delivery(channel, payload))) {
            counters.droppedOnOverflow();
            long count = dropped.incrementAndGet();
            if (isWorthALine(count)) {
                log.warn("Events for {} dropped: its handler is behind by {} events ({} dropped so far)", subscription,
                        pending.size(), count);
            }
            return;
        }
        drainSoon();
    }

    private void drainSoon() {
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this);
            } catch (RejectedExecutionException shuttingDown) {
                draining.set(false);
            }
        }
    }

    @Override
    public void run() {
        try {
            for (int i = 0; i < BATCH && !closed; i++) {
                Delivery next = pending.poll();
                if (next == null) {
                    break;
                }
                handle(next);
            }
        } finally {
            draining.set(false);
            // An event offered while this drain was ending found it still running and did not submit one.
            if (!pending.isEmpty() && !closed) {
                drainSoon();
            }
        }
    }

    private void handle(Delivery delivery) {
        T event;
        try {
            event = codec.decode(delivery.payload());
        } catch (ValueCodecException | IllegalArgumentException e) {
            counters.undecodable();
            long count = undecodable.incrementAndGet();
            // The reason stays out of the warning: the parser quotes the event's content, which may be personal data.
            if (isWorthALine(count)) {
                log.warn("An event on '{}' for {} is not of its type and was dropped ({} so far)", delivery.channel(),
                        subscription, count);
            }
            log.debug("Unreadable event on '{}' for {}", delivery.channel(), subscription, e);
            return;
        }
        try {
            handler.handle(delivery.channel(), event);
            counters.delivered();
        } catch (Exception | LinkageError | AssertionError e) {
            // Whatever a handler throws ends that event only, never the subscription.
            counters.handlerFailed();
            long count = failed.incrementAndGet();
            if (isWorthALine(count)) {
                log.warn("The handler of {} failed on an event on '{}' ({} failures so far)", subscription, delivery.channel(),
                        count, e);
            }
        }
    }

    /** A line for the 1st, 10th, 100th... occurrence: a stuck handler or a wrong publisher shows without flooding the log. */
    static boolean isWorthALine(long count) {
        long power = 1;
        while (power < count && power <= Long.MAX_VALUE / 10) {
            power *= 10;
        }
        return power == count;
    }

    /** Drops what is queued; a running handler finishes its event. */
    void close() {
        closed = true;
        pending.clear();
    }

    /** Returns the number of events waiting. */
    int size() {
        return pending.size();
    }

    private record Delivery(String channel, byte[] payload) {
    }
}
