package org.chatapp.redis.cache;

import java.time.Duration;

/** The seed's named time-to-live values, from one minute to one month (30 days). */
public enum NamedTtl {
    ONE_MINUTE(Duration.ofMinutes(1)),
    FIVE_MINUTES(Duration.ofMinutes(5)),
    FIFTEEN_MINUTES(Duration.ofMinutes(15)),
    THIRTY_MINUTES(Duration.ofMinutes(30)),
    ONE_HOUR(Duration.ofHours(1)),
    SIX_HOURS(Duration.ofHours(6)),
    TWELVE_HOURS(Duration.ofHours(12)),
    ONE_DAY(Duration.ofDays(1)),
    ONE_WEEK(Duration.ofDays(7)),
    ONE_MONTH(Duration.ofDays(30));

    private final Duration duration;

    NamedTtl(Duration duration) {
        this.duration = duration;
    }

    /** Returns the duration this name stands for. */
    public Duration duration() {
        return duration;
    }
}
