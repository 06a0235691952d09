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

    /** KEYS: recipients (one slot). ARGV: conversation, retention ms. */
    private static final RedisScript<Long> INCREMENT = RedisScript.returningLong("""
            for i = 1, #KEYS do
              redis.call('HINCRBY', KEYS[i], ARGV[1], 1)
              redis.call('PEXPIRE', KEYS[i], ARGV[2])
            end
            return #KEYS
            """);

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

    /** Keys per increment script: a large group is split so Redis is never held for long. */
    private static final int KEYS_PER_SCRIPT = 500;

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

    @Override
    public void increment(String conversationId, Collection<String> recipientIds) {
        requireId("conversationId", conversationId);
        List<List<String>> groups = groups(recipientIds);
        if (groups.isEmpty()) {
            return;
        }
        // One script per slot group, all in one batch: one write per master, the groups in parallel.
        List<String> args = List.of(conversationId, retentionMillis);
        RedisBatch batch = redis.batch();
        List<BatchResult<Long>> results = new ArrayList<>(groups.size());
        for (List<String> group : groups) {
            results.add(batch.script(INCREMENT, keys(group), args));
        }
        batch.execute();
        List<String> incremented = new ArrayList<>();
        List<String> notIncremented = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        RedisServiceException first = null;
        for (int i = 0; i < groups.size(); i++) {
            RedisServiceException failure = results.get(i).error().orElse(null);
            (failure == null ? incremented : failure instanceof RedisOutcomeUnknownException ? unknown : notIncremented)
                    .addAll(groups.get(i));
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

    /** Returns the distinct recipients in groups one script can reach: per slot in a cluster, bounded in size. */
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
        return redis.keys().groupBySlot(distinct, this::key, KEYS_PER_SCRIPT);
    }

    private String key(String userId) {
        return options.namespace() + ":" + userId;
    }

    private List<String> keys(List<String> userIds) {
        return userIds.stream().map(this::key).toList();
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
