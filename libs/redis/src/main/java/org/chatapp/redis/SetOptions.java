package org.chatapp.redis;

import java.time.Duration;

/**
 * How {@link RedisService#set(String, String, SetOptions)} writes: when (always, only if absent,
 * only if present) and with which expiry (a new TTL, the key's current TTL, or none).
 *
 * @param condition when the value is written
 * @param ttl the new time to live, or null
 * @param keepTtl whether the key keeps its current time to live
 */
public record SetOptions(Condition condition, Duration ttl, boolean keepTtl) {

    /** When the value is written. */
    public enum Condition {
        /** Always (plain SET). */
        ALWAYS,
        /** Only when the key does not exist (NX). */
        IF_ABSENT,
        /** Only when the key exists (XX). */
        IF_PRESENT
    }

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException when both a TTL and keepTtl are given, or the TTL is below 1 ms
     */
    public SetOptions {
        if (condition == null) {
            throw new IllegalArgumentException("condition must be set");
        }
        if (ttl != null) {
            Values.ttl(ttl);
            if (keepTtl) {
                throw new IllegalArgumentException("ttl " + ttl + " and keepTtl are mutually exclusive");
            }
        }
    }

    /** Returns options that always write and remove any TTL, like a plain SET. */
    public static SetOptions always() {
        return new SetOptions(Condition.ALWAYS, null, false);
    }

    /** Returns options that write only when the key does not exist (NX). */
    public static SetOptions ifAbsent() {
        return new SetOptions(Condition.IF_ABSENT, null, false);
    }

    /** Returns options that write only when the key exists (XX). */
    public static SetOptions ifPresent() {
        return new SetOptions(Condition.IF_PRESENT, null, false);
    }

    /** Returns a copy that sets this time to live. */
    public SetOptions withTtl(Duration newTtl) {
        return new SetOptions(condition, newTtl, false);
    }

    /** Returns a copy that keeps the key's current time to live (KEEPTTL). */
    public SetOptions keepingTtl() {
        return new SetOptions(condition, null, true);
    }
}
