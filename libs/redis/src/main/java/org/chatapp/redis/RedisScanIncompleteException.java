package org.chatapp.redis;

import java.util.List;

/**
 * A {@link RedisService#scan(String)} could not cover every cluster slot: no reachable master
 * served some slots, a master failed midway, or slots changed hands while the scan ran. Keys in
 * the named slots may be missing from what the scan returned. A scan only reads, so repeating it
 * once the cluster has settled is safe.
 */
public class RedisScanIncompleteException extends RedisServiceException {

    private static final long serialVersionUID = 1L;

    private final List<String> slotRanges;

    RedisScanIncompleteException(List<String> slotRanges, String reason, Throwable cause) {
        super("SCAN", null, "cannot cover slots " + String.join(",", slotRanges) + ": " + reason, cause);
        this.slotRanges = List.copyOf(slotRanges);
    }

    /** Returns the slots the scan could not cover, as ranges such as {@code 5461-10922}. */
    public List<String> slotRanges() {
        return slotRanges;
    }
}
