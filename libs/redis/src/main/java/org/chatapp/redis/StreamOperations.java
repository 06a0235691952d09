package org.chatapp.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Stream commands of a {@link RedisService}; keys get the service's prefix, field names do not.
 * Reads never block: the service's connection is shared, and a blocking read would stall it.
 */
public interface StreamOperations {

    /** An entry of a stream: its id and fields, in the order they were added. */
    record StreamEntry(String id, Map<String, String> fields) {
    }

    /**
     * Entries handed over by {@link #autoClaim}, and the id the next call should start from
     * ({@code 0-0} once the scan has gone through the whole pending list).
     */
    record ClaimedEntries(String nextStartId, List<StreamEntry> entries) {
    }

    /** Appends an entry with an id chosen by Redis and returns the id. */
    String add(String key, Map<String, String> fields);

    /** Appends an entry and trims the stream to about {@code maxLength} entries; returns the id. */
    String add(String key, Map<String, String> fields, long maxLength);

    /**
     * Appends an entry and trims entries with ids below {@code minId} ({@code MINID ~}: approximate,
     * whole internal nodes only, so some older entries may stay); returns the id. An id such as
     * {@code 1700000000000-0} is a time in milliseconds, so this trims by age.
     *
     * @throws IllegalArgumentException when fields are empty or minId is null or blank
     */
    String addTrimmingBefore(String key, Map<String, String> fields, String minId);

    /** Returns up to {@code count} entries with ids from {@code start} to {@code end} ({@code -} and {@code +} for the ends). */
    List<StreamEntry> range(String key, String start, String end, int count);

    /** Returns up to {@code count} entries from {@code end} down to {@code start}, newest first. */
    List<StreamEntry> reverseRange(String key, String end, String start, int count);

    /** Returns the number of entries. */
    long size(String key);

    /** Creates a consumer group reading from {@code startId} ({@code $} for new entries only), creating the stream if needed. */
    void createGroup(String key, String group, String startId);

    /** Returns up to {@code count} entries never delivered to the group, and records them as pending for the consumer. */
    List<StreamEntry> readGroup(String key, String group, String consumer, int count);

    /** Acknowledges entries of the group; returns how many were pending. */
    long acknowledge(String key, String group, String... ids);

    /** Returns the number of entries delivered to the group and not yet acknowledged. */
    long pendingCount(String key, String group);

    /** Hands entries pending longer than {@code minIdle} to {@code consumer} and returns them. */
    List<StreamEntry> claim(String key, String group, String consumer, Duration minIdle, String... ids);

    /**
     * Hands to {@code consumer} up to {@code count} entries of the group that have been pending
     * longer than {@code minIdle} with any consumer, itself included, scanning the pending list from
     * {@code startId} ({@code XAUTOCLAIM}); each one's delivery count goes up by one. Entries deleted
     * from the stream since they were delivered are dropped from the pending list and not returned
     * (Redis 7; on Redis 6.2 they stay pending and are not returned either).
     *
     * @throws IllegalArgumentException when a name or startId is empty, minIdle is null or negative, or count is below 1
     */
    ClaimedEntries autoClaim(String key, String group, String consumer, Duration minIdle, String startId, int count);

    /** Deletes entries; returns how many existed. */
    long delete(String key, String... ids);

    /** Trims the stream to about {@code maxLength} entries; returns how many were removed. */
    long trim(String key, long maxLength);

    /**
     * Removes entries with ids below {@code minId}, approximately ({@code XTRIM MINID ~}: whole
     * internal nodes only); returns how many were removed.
     *
     * @throws IllegalArgumentException when minId is null or blank
     */
    long trimBefore(String key, String minId);
}
