package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisNode;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.chatapp.redis.local.TestKeyPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Commands issued together leave in shared socket writes: the servers see far fewer reads than
 * commands. Counted by the servers themselves ({@code total_reads_processed}), so the test measures
 * what reaches the network, not what the client believes it did.
 */
@ExtendWith(LocalRedisExtension.class)
class WriteCoalescingIT {

    private static final int BURST = 2000;

    @Test
    void standalone_aBurstOfCommandsLeavesInFewWrites(LocalRedisStandalone server, TestKeyPrefix prefix) {
        try (RedisService redis = RedisService.create(LocalTopologies.standalone(server).keyPrefix(prefix.value()).build())) {
            assertBurstIsCoalesced(redis, List.of(server.node()));
        }
    }

    @Test
    void cluster_aBurstOfCommandsLeavesInFewWritesPerNode(LocalRedisCluster cluster, TestKeyPrefix prefix) {
        try (RedisService redis = RedisService.create(LocalTopologies.cluster(cluster).keyPrefix(prefix.value()).build())) {
            assertBurstIsCoalesced(redis, cluster.masters());
        }
    }

    private static void assertBurstIsCoalesced(RedisService redis, List<LocalRedisNode> servers) {
        // Connect to every node first, so the handshakes do not count.
        IntStream.range(0, 50).forEach(i -> redis.set("warm:" + i, "1"));
        long readsBefore = totalReads(servers);

        List<CompletableFuture<Void>> burst = IntStream.range(0, BURST)
                // One hash slot, so on a cluster the whole burst goes to one node's connection too.
                .mapToObj(i -> redis.setAsync("{burst}:" + i, "v" + i).toCompletableFuture())
                .toList();
        CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).join();

        long reads = totalReads(servers) - readsBefore;
        assertThat(redis.get("{burst}:" + (BURST - 1))).contains("v" + (BURST - 1));
        // One flush per command would mean about one read per command.
        assertThat(reads).as("server reads for %d commands", BURST).isLessThan(BURST / 10);
    }

    private static long totalReads(List<LocalRedisNode> servers) {
        return servers.stream().mapToLong(WriteCoalescingIT::totalReads).sum();
    }

    private static long totalReads(LocalRedisNode server) {
        return server.info("stats").lines()
                .filter(line -> line.startsWith("total_reads_processed:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no total_reads_processed in INFO stats of " + server));
    }
}
