package org.chatapp.redis.stream;

import java.util.Map;

/**
 * One delivery of a stream entry to a {@link StreamHandler}.
 *
 * @param stream the stream key, as the caller names it (without the service's prefix)
 * @param id the entry's id, such as {@code 1700000000000-0}; the same on every delivery of the entry
 * @param fields the entry's fields, in the order they were added
 * @param deliveryCount how many times the group has delivered the entry, this delivery included
 *        (1 the first time); counted by Redis across consumers and restarts
 * @param dedupeKey what identifies the entry for dropping duplicates: the value of the field named
 *        by {@link StreamWorkerOptions#dedupeField()} when set and present, else the entry id
 */
public record StreamDelivery(String stream, String id, Map<String, String> fields, long deliveryCount, String dedupeKey) {

    /** Copies the fields, so the delivery cannot change under its handler. */
    public StreamDelivery {
        fields = Map.copyOf(fields);
    }

    /** Returns whether the group delivered this entry before (to this or another consumer). */
    public boolean isRedelivery() {
        return deliveryCount > 1;
    }
}
