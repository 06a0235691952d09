package org.chatapp.redis.stream;

import java.time.Duration;

/**
 * How a {@link StreamWorker} keeps its stream short: not at all, to about a number of entries
 * ({@code XTRIM MAXLEN ~}), or to entries younger than an age ({@code XTRIM MINID ~}). Trimming is
 * approximate (Redis removes whole internal nodes, by default of 100 entries), so the stream may
 * hold somewhat more than the bound, never less. It removes entries whether or not a group has
 * handled them: size it well above how far the consumers may fall behind.
 */
public sealed interface StreamTrimming permits StreamTrimming.None, StreamTrimming.MaxLength, StreamTrimming.MaxAge {

    /** No trimming by the worker (producers may still trim on {@code XADD}). */
    static StreamTrimming none() {
        return new None();
    }

    /**
     * Keeps about the newest {@code entries} entries.
     *
     * @throws IllegalArgumentException when entries is below 1
     */
    static StreamTrimming maxLength(long entries) {
        return new MaxLength(entries);
    }

    /**
     * Keeps entries whose id is younger than {@code age} by the service's clock ({@code
     * RedisService.clock()}). Ids carry the server's time when they were added, so a clock skew
     * between this process and the server shifts the bound by that skew.
     *
     * @throws IllegalArgumentException when age is null or below one millisecond
     */
    static StreamTrimming maxAge(Duration age) {
        return new MaxAge(age);
    }

    /** No trimming. */
    record None() implements StreamTrimming {
    }

    /**
     * About the newest {@code entries} entries are kept.
     *
     * @param entries how many entries to keep, at least 1
     */
    record MaxLength(long entries) implements StreamTrimming {

        /** Validates the length. */
        public MaxLength {
            if (entries < 1) {
                throw new IllegalArgumentException("trimming.maxLength must be at least 1, was " + entries);
            }
        }
    }

    /**
     * Entries older than {@code age} are removed.
     *
     * @param age the age beyond which entries go, at least one millisecond
     */
    record MaxAge(Duration age) implements StreamTrimming {

        /** Validates the age. */
        public MaxAge {
            if (age == null || age.toMillis() < 1) {
                throw new IllegalArgumentException("trimming.maxAge must be at least 1 ms, was " + age);
            }
        }
    }
}
