package org.chatapp.redis.unread;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.chatapp.redis.BatchResult;
import org.chatapp.redis.RedisBatch;
import org.chatapp.redis.RedisOutcomeUnknownException;
import org.chatapp.redis.RedisScript;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.RedisServiceException;

/**
 * A user's counters are one hash under {@code <namespace>:<userId>}, a field per conversation
 * holding its count; a count of zero is no field, so reading all counts returns only unread ones.
 */
final class DefaultUnreadCounters implements UnreadCounters {

    /** KEYS: user. ARGV: conversation, count, retention ms. The new count, never below zero. */
    private static final RedisScript<Long> DECREMENT = RedisScript.returningLong("""
            local left = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0') - tonumber(ARGV[2])
            if left <= 0 then
              redis.call('HDEL', KEYS[1], ARGV[1])
              return 0
            end
            redis.call('HSET', KEYS[1], ARGV[1], left)
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return left
            """);

    private final RedisService redis;
    private final UnreadOptions options;
    private final String retentionMillis;

    DefaultUnreadCounters(RedisService redis, UnreadOptions options) {
        if (redis == null || options == null) {
            throw new IllegalArgumentException((redis == null ? "redis" : "options") + " must not be null");
        }
        this.redis = redis;
        this.options = options;
        this.retentionMillis = Long.toString(options.retention().toMillis());
    }

    /**
     * Two plain commands per recipient, {@code HINCRBY} and {@code PEXPIRE}, all in one batch: one
     * write per master, the masters in parallel. Not a script per slot: in a group nearly every
     * member's hash is in a slot of its own, and a script call cost Redis 15-20 µs, and its replicas
     * a {@code MULTI}/{@code EXEC}, against 2-4 µs per command (commandstats, chat load in
     * conversations of 64, docs/benchmarks.md). The count itself changes atomically either way; the
     * retention is refreshed by the next command of the same write.
     */
    @Override
    public void increment(String conversationId, Collection<String> recipientIds) {
        requireId("conversationId", conversationId);
        List<List<String>> groups = groups(recipientIds);
        if (groups.isEmpty()) {
            return;
        }
        List<String> recipients = groups.stream().flatMap(List::stream).toList();
        RedisBatch batch = redis.batch();
        List<BatchResult<Long>> counted = new ArrayList<>(recipients.size());
        for (String recipient : recipients) {
            String key = key(recipient);
            counted.add(batch.hashes().increment(key, conversationId, 1));
            batch.expire(key, options.retention());
        }
        batch.execute();
        List<String> incremented = new ArrayList<>();
        List<String> notIncremented = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        RedisServiceException first = null;
        for (int i = 0; i < recipients.size(); i++) {
            RedisServiceException failure = counted.get(i).error().orElse(null);
            (failure == null ? incremented : failure instanceof RedisOutcomeUnknownException ? unknown : notIncremented).add(recipients.get(i));
            first = first == null ? failure : first;
        }
        if (first != null) {
            if (groups.size() == 1) {
                throw first;
            }
            throw new UnreadPartialIncrementException(conversationId, incremented, notIncremented, unknown, first);
        }
    }

    @Override
    public long decrement(String userId, String conversationId, long count) {
        requireId("userId", userId);
        requireId("conversationId", conversationId);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        return redis.scripts().run(DECREMENT, List.of(key(userId)), List.of(conversationId, Long.toString(count), retentionMillis));
    }

    @Override
    public void markRead(String userId, String conversationId) {
        requireId("userId", userId);
        requireId("conversationId", conversationId);
        redis.hashes().delete(key(userId), conversationId);
    }

    @Override
    public long count(String userId, String conversationId) {
        requireId("userId", userId);
        requireId("conversationId", conversationId);
        return redis.hashes().get(key(userId), conversationId).map(Long::parseLong).orElse(0L);
    }

    @Override
    public Map<String, Long> counts(String userId) {
        requireId("userId", userId);
        Map<String, Long> counts = new LinkedHashMap<>();
        redis.hashes().getAll(key(userId)).forEach((conversation, count) -> counts.put(conversation, Long.parseLong(count)));
        return counts;
    }

    @Override
    public UnreadOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "UnreadCounters[" + options + "]";
    }

    /**
     * Returns the distinct recipients grouped by cluster slot (one group on a single server): a
     * failure within a single group is thrown as it is, across groups it is reported per recipient.
     */
    private List<List<String>> groups(Collection<String> recipientIds) {
        if (recipientIds == null) {
            throw new IllegalArgumentException("recipientIds must not be null");
        }
        if (recipientIds.size() > MAX_RECIPIENTS) {
            throw new IllegalArgumentException("recipientIds must hold at most " + MAX_RECIPIENTS + " users, held " + recipientIds.size());
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        int index = 0;
        for (String recipient : recipientIds) {
            requireId("recipientIds[" + index++ + "]", recipient);
            distinct.add(recipient);
        }
        return redis.keys().groupBySlot(distinct, this::key, Integer.MAX_VALUE);
    }

    private String key(String userId) {
        return options.namespace() + ":" + userId;
    }

    private static void requireId(String name, String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty, was " + (id == null ? "null" : "''"));
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_ID_LENGTH + " characters, was " + id.length()
                    + " characters");
        }
    }
}
