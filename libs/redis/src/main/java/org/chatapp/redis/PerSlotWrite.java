package org.chatapp.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;

/**
 * Runs a multi-key write on a cluster as one command per slot, in parallel, and when some parts
 * fail reports which keys were written, which were not and which are of unknown outcome
 * ({@link RedisPartialWriteException}). Lettuce splits such commands by slot too, but fails the
 * whole call on the first failed part without saying what the others did.
 */
final class PerSlotWrite {

    private PerSlotWrite() {
    }

    /**
     * Runs {@code command} once per slot with the indexes of that slot's keys and returns the
     * parts' results in slot order; fails with {@link RedisPartialWriteException} when several
     * parts ran and any failed, or with the part's own exception when there was only one.
     */
    static <T> CompletableFuture<List<T>> run(CommandRunner runner, String operation, String[] keyNames, byte[][] rawKeys,
            BiFunction<RedisClusterAsyncCommands<byte[], byte[]>, List<Integer>, RedisFuture<T>> command) {
        Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
        for (int i = 0; i < rawKeys.length; i++) {
            bySlot.computeIfAbsent(SlotHash.getSlot(rawKeys[i]), slot -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> parts = List.copyOf(bySlot.values());
        List<CompletableFuture<T>> results = new ArrayList<>();
        for (List<Integer> part : parts) {
            results.add(runner.async(operation, keyNames[part.get(0)], c -> command.apply(c, part), reply -> reply)
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).handle((done, error) -> {
            if (error == null) {
                return results.stream().map(CompletableFuture::join).toList();
            }
            if (parts.size() == 1) {
                throw new CompletionException(cause(operation, results.get(0)));
            }
            throw new CompletionException(report(operation, keyNames, parts, results));
        });
    }

    private static RedisPartialWriteException report(String operation, String[] keyNames, List<List<Integer>> parts,
            List<? extends CompletableFuture<?>> results) {
        List<String> applied = new ArrayList<>();
        List<String> notApplied = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        RedisServiceException first = null;
        for (int p = 0; p < parts.size(); p++) {
            RedisServiceException failure = cause(operation, results.get(p));
            List<String> target = failure == null ? applied : failure instanceof RedisOutcomeUnknownException ? unknown : notApplied;
            parts.get(p).forEach(i -> target.add(keyNames[i]));
            first = first == null ? failure : first;
        }
        return new RedisPartialWriteException(operation, DefaultRedisService.describe(keyNames), applied, notApplied, unknown, first);
    }

    /** Returns a completed part's failure, or null when it succeeded. */
    private static RedisServiceException cause(String operation, CompletableFuture<?> part) {
        if (!part.isCompletedExceptionally()) {
            return null;
        }
        try {
            part.join();
            return null;
        } catch (CompletionException e) {
            // CommandRunner.async completes with RedisServiceExceptions only.
            return e.getCause() instanceof RedisServiceException failure ? failure
                    : new RedisServiceException(operation, null, String.valueOf(e.getCause()), e.getCause());
        }
    }
}
