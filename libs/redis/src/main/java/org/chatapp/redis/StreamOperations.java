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

    /** Appends an entry with an id chosen by Redis and returns the id. */
    String add(String key, Map<String, String> fields);

    /** Appends an entry and trims the stream to about {@code maxLength} entries; returns the id. */
    String add(String key, Map<String, String> fields, long maxLength);

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

    /** Deletes entries; returns how many existed. */
    long delete(String key, String... ids);

    /** Trims the stream to about {@code maxLength} entries; returns how many were removed. */
    long trim(String key, long maxLength);
}
