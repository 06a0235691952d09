package org.chatapp.redis.events;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.chatapp.redis.RedisServiceException;

/**
 * Publishes a numbered event every {@link #PACE} on one channel and records when each arrives, so a
 * failure test can tell when delivery resumed and how long it stopped.
 */
final class EventTraffic implements AutoCloseable {

    static final Duration PACE = Duration.ofMillis(20);

    /** The numbered event. */
    record Tick(long number) {
    }

    private final RedisEvents events;
    private final String channel;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failedPublishes = new AtomicLong();
    private final AtomicLong lastArrived = new AtomicLong(-1);
    /** Arrival times in nanoseconds, in arrival order (one subscription: one handler at a time). */
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final Set<Long> numbersArrived = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicates = new AtomicLong();
    private final Thread publisher;
    private volatile boolean running = true;

    EventTraffic(RedisEvents events, String channel) throws Exception {
        this.events = events;
        this.channel = channel;
        events.subscribe(channel, Tick.class, (c, tick) -> {
            arrivals.add(System.nanoTime());
            if (!numbersArrived.add(tick.number())) {
                duplicates.incrementAndGet();
            }
            lastArrived.accumulateAndGet(tick.number(), Math::max);
        }).confirmed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        this.publisher = new Thread(this::publishWhileRunning, "event-traffic");
        publisher.setDaemon(true);
        publisher.start();
    }

    private void publishWhileRunning() {
        while (running) {
            long number = published.incrementAndGet();
            try {
                events.publish(channel, new Tick(number));
            } catch (RedisServiceException e) {
                failedPublishes.incrementAndGet();
            }
            // Paces the load; nothing waits on a condition here.
            LockSupport.parkNanos(PACE.toNanos());
        }
    }

    /** Returns the number of the last event published (or attempted). */
    long published() {
        return published.get();
    }

    /** Returns the largest event number that arrived, or -1. */
    long lastArrived() {
        return lastArrived.get();
    }

    /** Returns how many events arrived more than once. */
    long duplicates() {
        return duplicates.get();
    }

    long failedPublishes() {
        return failedPublishes.get();
    }

    int arrivedCount() {
        return arrivals.size();
    }

    /** Returns the longest time between two consecutive arrivals. */
    Duration longestGap() {
        long longest = 0;
        for (int i = 1; i < arrivals.size(); i++) {
            longest = Math.max(longest, arrivals.get(i) - arrivals.get(i - 1));
        }
        return Duration.ofNanos(longest);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        publisher.join(TimeUnit.SECONDS.toMillis(10));
    }
}
