package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalRedisExtension.class)
class ClusterBatchIT extends BatchContract {

    private final LocalRedisCluster cluster;

    ClusterBatchIT(LocalRedisCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    RedisOptions options(String keyPrefix) {
        // No periodic refresh: the redirect test keeps a stale slot map for as long as it needs.
        return LocalTopologies.cluster(cluster).keyPrefix(keyPrefix).build();
    }

    @Override
    void flushScripts() {
        cluster.masters().forEach(master -> master.command("SCRIPT", "FLUSH"));
    }

    @Override
    void assertWrittenAsTheTopologyPromises(StatefulConnection<byte[], byte[]> connection) {
        var clusterConnection = (StatefulRedisClusterConnection<byte[], byte[]>) connection;
        for (RedisClusterNode master : clusterConnection.getPartitions()) {
            if (master.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                assertThat(EndpointChannel.of(clusterConnection.getConnection(master.getNodeId())))
                        .as("the channel to master %s, for its part written whole", master.getUri()).isNotNull();
            }
        }
    }

    @Test
    void execute_keysOnEveryMaster_eachMasterGetsItsOwnCommands() {
        List<String> names = keysAcrossSlots(300);
        List<Long> before = setCalls();
        RedisBatch batch = redis().batch();
        names.forEach(name -> batch.set(name, "v"));

        batch.execute();

        List<Long> after = setCalls();
        long total = 0;
        for (int i = 0; i < after.size(); i++) {
            long calls = after.get(i) - before.get(i);
            assertThat(calls).as("SETs on master %d", i).isPositive();
            total += calls;
        }
        assertThat(total).as("SETs the masters counted, redirects included").isEqualTo(names.size());
    }

    @Test
    void execute_slotMapStale_commandsFollowTheRedirect() {
        String name = key("moved");
        redis().set(name, "v");
        int slot = SlotHash.getSlot(redis().keyPrefix() + name);
        Partitions partitions = ((RedisClusterClient) redis().lettuceClient().unwrap()).getPartitions();
        RedisClusterNode owner = partitions.getMasterBySlot(slot);
        RedisClusterNode other = partitions.stream()
                .filter(node -> node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.getNodeId().equals(owner.getNodeId()))
                .findFirst().orElseThrow();
        moveSlotInClientsMap(partitions, slot, owner, other);
        try {
            RedisBatch batch = redis().batch();
            BatchResult<Optional<String>> read = batch.get(name);
            BatchResult<Long> write = batch.incr(key("{moved}counter"));

            batch.execute();

            assertThat(read.get()).as("sent to the wrong master, answered MOVED, sent again").contains("v");
            assertThat(write.get()).isEqualTo(1);
        } finally {
            ((RedisClusterClient) redis().lettuceClient().unwrap()).refreshPartitions();
        }
    }

    @Test
    void execute_slotNoMasterServesInTheSlotMap_failsThatCommandAtOnce_othersApply() {
        // A service of its own, whose connection has sent nothing to the orphan's slot: Lettuce then
        // looks the slot up in the map, as for the slots of a master that failed, before a promotion.
        RedisOptions options = options("orphan-slot-" + System.nanoTime() + ":");
        try (RedisService own = RedisService.create(options)) {
            String orphan = key("{orphan}counter");
            int orphanSlot = SlotHash.getSlot(own.keyPrefix() + orphan);
            String opener = key("{opener}counter");
            assertThat(SlotHash.getSlot(own.keyPrefix() + opener)).isNotEqualTo(orphanSlot);
            own.incr(opener);
            Partitions partitions = ((RedisClusterClient) own.lettuceClient().unwrap()).getPartitions();
            RedisClusterNode owner = partitions.getMasterBySlot(orphanSlot);
            List<Integer> ownerSlots = new ArrayList<>(owner.getSlots());
            ownerSlots.remove(Integer.valueOf(orphanSlot));
            owner.setSlots(ownerSlots);
            partitions.updateCache();
            List<String> others = keysAcrossSlots(30).stream().filter(name -> SlotHash.getSlot(own.keyPrefix() + name) != orphanSlot).toList();
            RedisBatch batch = own.batch();
            List<BatchResult<Long>> applied = others.stream().map(batch::incr).toList();
            BatchResult<Long> unrouted = batch.incr(orphan);

            long started = System.nanoTime();
            batch.execute();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(unrouted.error()).as("the command for the slot no master serves").get()
                    .isInstanceOf(RedisConnectionFailureException.class);
            assertThat(took).as("the batch's wait: the unroutable command fails at once, not at a timeout")
                    .isLessThan(options.commandTimeout());
            assertThat(applied).as("the commands for the other slots").allSatisfy(result -> assertThat(result.get()).isEqualTo(1));
            ((RedisClusterClient) own.lettuceClient().unwrap()).refreshPartitions();
            assertThat(own.get(orphan)).as("the unroutable command, not sent").isEmpty();
        }
    }

    /** Makes the client believe that {@code slot} is served by {@code to}, as after a migration it has not seen yet. */
    private static void moveSlotInClientsMap(Partitions partitions, int slot, RedisClusterNode from, RedisClusterNode to) {
        List<Integer> fromSlots = new ArrayList<>(from.getSlots());
        fromSlots.remove(Integer.valueOf(slot));
        from.setSlots(fromSlots);
        List<Integer> toSlots = new ArrayList<>(to.getSlots());
        toSlots.add(slot);
        to.setSlots(toSlots);
        partitions.updateCache();
    }

    private List<Long> setCalls() {
        List<Long> calls = new ArrayList<>();
        for (LocalRedisNode master : cluster.masters()) {
            long count = 0;
            for (String line : master.info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_set:")) {
                    count = Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(',')));
                }
            }
            calls.add(count);
        }
        return calls;
    }
}
