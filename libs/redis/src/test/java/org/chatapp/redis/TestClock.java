package org.chatapp.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that stands still until a test sets or advances it, shared by every thread that reads
 * it: inject it with {@code RedisOptions.builder().clock(...)} and step time to a lease's end or a
 * window's edge instead of sleeping.
 */
public final class TestClock extends Clock {

    private final AtomicLong millis;

    /** Starts at the given instant. */
    public TestClock(Instant start) {
        this(start.toEpochMilli());
    }

    /** Starts at the given milliseconds since the epoch. */
    public TestClock(long epochMillis) {
        this.millis = new AtomicLong(epochMillis);
    }

    /** Moves the clock to an instant, forwards or back. */
    public void set(Instant instant) {
        millis.set(instant.toEpochMilli());
    }

    /** Moves the clock to milliseconds since the epoch, forwards or back. */
    public void set(long epochMillis) {
        millis.set(epochMillis);
    }

    /** Moves the clock forwards by a duration. */
    public void advance(Duration step) {
        millis.addAndGet(step.toMillis());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock has one zone");
    }
}
