package org.chatapp.redis.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code CLUSTER NODES}: a node as another node (or itself) sees it.
 *
 * @param masterId the id of the master this replica follows, or {@code null} for a master
 */
record ClusterNodeEntry(String id, int port, Set<String> flags, String masterId, List<SlotRange> slots) {

    /** Parses the whole reply of {@code CLUSTER NODES}, one entry per line. */
    static List<ClusterNodeEntry> parseAll(String reply) {
        List<ClusterNodeEntry> entries = new ArrayList<>();
        for (String line : reply.split("\n")) {
            if (!line.isBlank()) {
                entries.add(parse(line.strip()));
            }
        }
        return entries;
    }

    /**
     * Parses {@code <id> <ip:port@bus[,hostname]> <flags> <master> <ping> <pong> <epoch> <link> <slot>...}.
     */
    static ClusterNodeEntry parse(String line) {
        String[] fields = line.split(" ");
        if (fields.length < 8) {
            throw new IllegalArgumentException("not a CLUSTER NODES line: " + line);
        }
        String hostAndPort = fields[1].split("[@,]", 2)[0];
        int port = Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
        String masterId = "-".equals(fields[3]) ? null : fields[3];
        List<SlotRange> slots = new ArrayList<>();
        for (int i = 8; i < fields.length; i++) {
            // "[slot->-id]" and "[slot-<-id]" are slots being migrated, not owned.
            if (!fields[i].startsWith("[")) {
                slots.add(SlotRange.parse(fields[i]));
            }
        }
        return new ClusterNodeEntry(fields[0], port, Set.of(fields[2].split(",")), masterId, List.copyOf(slots));
    }

    boolean isMyself() {
        return flags.contains("myself");
    }

    boolean isMaster() {
        return flags.contains("master");
    }

    boolean isReplica() {
        return flags.contains("slave");
    }

    /** Returns whether the observer suspects or has agreed that this node failed. */
    boolean isFailing() {
        return flags.contains("fail") || flags.contains("fail?");
    }

    /** Returns whether the observer has finished meeting this node (it has a real id and address). */
    boolean isSettled() {
        return !flags.contains("handshake") && !flags.contains("noaddr");
    }

    boolean owns(int slot) {
        return slots.stream().anyMatch(range -> range.contains(slot));
    }

    int slotCount() {
        return slots.stream().mapToInt(SlotRange::size).sum();
    }

    /**
     * Returns this entry's role as one comparable word, e.g. {@code id master 0-5460} or
     * {@code id replica-of masterId}, so two observers' views can be compared.
     */
    String roleDescription() {
        if (isReplica()) {
            return id + " replica-of " + masterId;
        }
        return id + " master " + slots;
    }
}
