package org.chatapp.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Where a SCAN's batches come from, so that a scan covers every key or fails saying what it missed.
 * A cursor is only valid on the node that issued it, so each source keeps its cursor on one node.
 */
interface ScanSource {

    /** Returns the next batch of raw keys, or null when the scan is complete. */
    List<byte[]> next();

    /**
     * One node: a standalone server, or a sentinel setup's master. {@code scan} runs one SCAN from
     * the given cursor (null for the first) and returns the next cursor.
     */
    static ScanSource singleNode(UnaryOperator<KeyScanCursor<byte[]>> scan) {
        return new ScanSource() {
            private KeyScanCursor<byte[]> cursor;

            @Override
            public List<byte[]> next() {
                if (cursor != null && cursor.isFinished()) {
                    return null;
                }
                cursor = scan.apply(cursor);
                return cursor.getKeys();
            }
        };
    }

    /**
     * Every master of a cluster in turn, each scanned to the end on its own. Starts from a fresh slot
     * map and refuses to start while a slot has no reachable master (Lettuce's own cluster scan
     * skips a master that the slot map has dropped, silently); a master that fails midway, or a slot
     * that changes hands while the scan runs, fails the scan naming the slots.
     */
    static ScanSource cluster(CommandRunner runner, RedisClusterClient client, ScanArgs args, Duration timeout) {
        return new ClusterScan(runner, client, args, timeout);
    }

    /** Scans a cluster master by master; see {@link #cluster}. */
    final class ClusterScan implements ScanSource {

        private final CommandRunner runner;
        private final RedisClusterClient client;
        private final ScanArgs args;
        private final Duration timeout;
        private Map<Integer, String> ownerBySlot;
        private List<RedisClusterNode> masters;
        private int master;
        private KeyScanCursor<byte[]> cursor;

        private ClusterScan(CommandRunner runner, RedisClusterClient client, ScanArgs args, Duration timeout) {
            this.runner = runner;
            this.client = client;
            this.args = args;
            this.timeout = timeout;
        }

        @Override
        public List<byte[]> next() {
            if (masters == null) {
                start();
            }
            while (cursor != null && cursor.isFinished()) {
                master++;
                cursor = null;
            }
            if (master >= masters.size()) {
                requireSlotMapUnchanged();
                return null;
            }
            RedisClusterNode node = masters.get(master);
            KeyScanCursor<byte[]> previous = cursor;
            try {
                cursor = runner.sync("SCAN", null, c -> {
                    var onNode = ((RedisAdvancedClusterAsyncCommands<byte[], byte[]>) c).getConnection(node.getNodeId());
                    return previous == null ? onNode.scan(args) : onNode.scan(previous, args);
                });
            } catch (RedisServiceException e) {
                throw new RedisScanIncompleteException(slotRanges(node.getSlots()), "master " + address(node)
                        + " failed midway: " + e.getMessage(), e);
            }
            return cursor.getKeys();
        }

        private void start() {
            Partitions partitions = loadSlotMap();
            ownerBySlot = owners(partitions);
            List<Integer> uncovered = new ArrayList<>();
            for (int slot = 0; slot < 16384; slot++) {
                if (!ownerBySlot.containsKey(slot)) {
                    uncovered.add(slot);
                }
            }
            if (!uncovered.isEmpty()) {
                throw new RedisScanIncompleteException(slotRanges(uncovered), "no reachable master serves them", null);
            }
            masters = new ArrayList<>();
            for (RedisClusterNode node : partitions) {
                if (node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.getSlots().isEmpty()) {
                    masters.add(node);
                }
            }
        }

        private void requireSlotMapUnchanged() {
            Map<Integer, String> now = owners(loadSlotMap());
            List<Integer> moved = new ArrayList<>();
            for (int slot = 0; slot < 16384; slot++) {
                if (!ownerBySlot.get(slot).equals(now.get(slot))) {
                    moved.add(slot);
                }
            }
            if (!moved.isEmpty()) {
                throw new RedisScanIncompleteException(slotRanges(moved), "they changed hands while the scan ran", null);
            }
        }

        private Partitions loadSlotMap() {
            try {
                client.refreshPartitionsAsync().toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new RedisScanIncompleteException(List.of("0-16383"), "the slot map could not be loaded: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RedisServiceException("SCAN", null, "interrupted", e);
            }
            return client.getPartitions();
        }

        private static Map<Integer, String> owners(Partitions partitions) {
            Map<Integer, String> owners = new TreeMap<>();
            for (RedisClusterNode node : partitions) {
                if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                    node.getSlots().forEach(slot -> owners.put(slot, node.getNodeId()));
                }
            }
            return owners;
        }

        private static String address(RedisClusterNode node) {
            return node.getUri() == null ? node.getNodeId() : node.getUri().getHost() + ":" + node.getUri().getPort();
        }
    }

    /** Returns sorted slots as ranges such as {@code 0-5460} or {@code 7}. */
    static List<String> slotRanges(List<Integer> slots) {
        List<Integer> sorted = slots.stream().sorted().toList();
        List<String> ranges = new ArrayList<>();
        for (int i = 0; i < sorted.size(); ) {
            int first = sorted.get(i);
            int last = first;
            while (i + 1 < sorted.size() && sorted.get(i + 1) == last + 1) {
                last = sorted.get(++i);
            }
            ranges.add(first == last ? Integer.toString(first) : first + "-" + last);
            i++;
        }
        return ranges;
    }
}
