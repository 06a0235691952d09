package org.chatapp.redis.events;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.List;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisNode;

/** What the event tests ask the local servers: their version, and which master serves a slot. */
final class EventsTopology {

    private EventsTopology() {
    }

    static int majorVersion(LocalRedisNode node) {
        String info = node.info("server");
        int at = info.indexOf("redis_version:") + "redis_version:".length();
        return Integer.parseInt(info.substring(at, info.indexOf('.', at)));
    }

    /** Skips the test on a server before Redis 7, such as the bundled 6.2 the CI also runs. */
    static void assumeShardedPubSub(LocalRedisNode node) {
        assumeThat(majorVersion(node)).as("sharded pub/sub needs Redis 7").isGreaterThanOrEqualTo(7);
    }

    /** Returns the master serving a slot, as the cluster says ({@code CLUSTER SLOTS}). */
    static LocalRedisNode masterServing(LocalRedisCluster cluster, int slot) {
        for (LocalRedisNode node : cluster.masters()) {
            if (slotRanges(node).stream().anyMatch(range -> slot >= range[0] && slot <= range[1])) {
                return node;
            }
        }
        throw new AssertionError("no master serves slot " + slot);
    }

    /** Returns a hash-tagged channel, {@code {room:N}}, whose slot the master serves. */
    static String channelServedBy(LocalRedisNode master) {
        List<long[]> ranges = slotRanges(master);
        for (int i = 0; ; i++) {
            int slot = io.lettuce.core.cluster.SlotHash.getSlot("room:" + i);
            if (ranges.stream().anyMatch(range -> slot >= range[0] && slot <= range[1])) {
                return "{room:" + i + "}";
            }
        }
    }

    /** Returns the slot ranges the node serves as a master. */
    @SuppressWarnings("unchecked")
    static List<long[]> slotRanges(LocalRedisNode node) {
        return ((List<Object>) node.command("CLUSTER", "SLOTS")).stream()
                .map(range -> (List<Object>) range)
                .filter(fields -> (Long) ((List<Object>) fields.get(2)).get(1) == node.port())
                .map(fields -> new long[] {(Long) fields.get(0), (Long) fields.get(1)})
                .toList();
    }
}
