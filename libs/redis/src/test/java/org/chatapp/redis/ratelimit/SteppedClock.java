package org.chatapp.redis.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that stands still until a test sets or advances it, shared by every thread that reads it. */
final class SteppedClock extends Clock {

    private final AtomicLong millis;

    SteppedClock(long epochMillis) {
        this.millis = new AtomicLong(epochMillis);
    }

    void set(long epochMillis) {
        millis.set(epochMillis);
    }

    void advance(Duration step) {
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
