package org.chatapp.redis.ratelimit;

import java.util.List;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisNode;

/** Finds, by asking the nodes themselves, which masters of a local cluster hold a key. */
final class KeyHolders {

    private KeyHolders() {
    }

    /** Returns the masters whose slot holds the raw key ({@code EXISTS} on another master would answer MOVED). */
    static List<LocalRedisNode> mastersHolding(LocalRedisCluster cluster, String rawKey) {
        Object slot = cluster.masters().get(0).command("CLUSTER", "KEYSLOT", rawKey);
        return cluster.masters().stream()
                .filter(master -> ((List<?>) master.command("CLUSTER", "GETKEYSINSLOT", slot.toString(), "1000")).contains(rawKey))
                .toList();
    }
}
