package org.chatapp.redis;

import io.lettuce.core.cluster.SlotHash;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;

/**
 * Runs a multi-key command on a cluster as one command per slot, sent as one {@link RedisBatch}
 * (one write per master, in parallel), and when some parts of a write fail reports which keys were
 * written, which were not and which are of unknown outcome ({@link RedisPartialWriteException}).
 * Lettuce splits such commands by slot too, but pays a future and a timer per part, and fails the
 * whole call on the first failed part without saying what the others did.
 */
final class PerSlotBatch {

    private PerSlotBatch() {
    }

    /**
     * Queues {@code command} once per slot with the indexes of that slot's keys on a new batch, runs
     * it, and returns the parts' results in slot order. A read fails with the first part's error; a
     * write with {@link RedisPartialWriteException} when several parts ran and any failed, or with
     * the part's own exception when there was only one.
     */
    static <T> CompletableFuture<List<T>> run(DefaultRedisBatch batch, String operation, boolean write, String[] keyNames,
            byte[][] rawKeys, BiFunction<DefaultRedisBatch, List<Integer>, BatchResult<T>> command) {
        Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
        for (int i = 0; i < rawKeys.length; i++) {
            bySlot.computeIfAbsent(SlotHash.getSlot(rawKeys[i]), slot -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> parts = List.copyOf(bySlot.values());
        List<BatchResult<T>> results = new ArrayList<>(parts.size());
        for (List<Integer> part : parts) {
            results.add(command.apply(batch, part));
        }
        return batch.executeAsync().toCompletableFuture().thenApply(done -> {
            RedisServiceException first = results.stream().map(result -> result.error().orElse(null))
                    .filter(error -> error != null).findFirst().orElse(null);
            if (first == null) {
                return results.stream().map(BatchResult::get).toList();
            }
            throw new CompletionException(write && parts.size() > 1 ? report(operation, keyNames, parts, results) : first);
        });
    }

    private static RedisPartialWriteException report(String operation, String[] keyNames, List<List<Integer>> parts,
            List<? extends BatchResult<?>> results) {
        List<String> applied = new ArrayList<>();
        List<String> notApplied = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        RedisServiceException first = null;
        for (int p = 0; p < parts.size(); p++) {
            RedisServiceException failure = results.get(p).error().orElse(null);
            List<String> target = failure == null ? applied : failure instanceof RedisOutcomeUnknownException ? unknown : notApplied;
            parts.get(p).forEach(i -> target.add(keyNames[i]));
            first = first == null ? failure : first;
        }
        return new RedisPartialWriteException(operation, DefaultRedisService.describe(keyNames), applied, notApplied, unknown, first);
    }
}
