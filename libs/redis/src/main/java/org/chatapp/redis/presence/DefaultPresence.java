package org.chatapp.redis.presence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.chatapp.redis.BatchResult;
import org.chatapp.redis.RedisBatch;
import org.chatapp.redis.RedisScript;
import org.chatapp.redis.RedisService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user is a hash under {@code <namespace>:user:<userId>}: a field {@code c:<connectionId>} per
 * connection holding its expiry, and {@code seen} holding the last-seen time, all in milliseconds of
 * the service's clock; the key lives for the last-seen retention after the last write. A
 * conversation's typing indicators are a sorted set under {@code <namespace>:typing:<conversationId>}
 * scored by expiry. One key per user or conversation, so every script touches one slot.
 */
final class DefaultPresence implements Presence {

    private static final Logger log = LoggerFactory.getLogger(DefaultPresence.class);

    /** Drops the user's ended connections; leaves the number of live ones, and whether {@code ARGV[1]} was one, in locals. */
    private static final String PRUNE = """
            local now = tonumber(ARGV[2])
            local live, wasLive = 0, false
            local fields = redis.call('HGETALL', KEYS[1])
            for i = 1, #fields, 2 do
              if string.sub(fields[i], 1, 2) == 'c:' then
                if tonumber(fields[i + 1]) > now then
                  live = live + 1
                  if fields[i] == ARGV[1] then wasLive = true end
                else
                  redis.call('HDEL', KEYS[1], fields[i])
                end
              end
            end
            local seen = tonumber(redis.call('HGET', KEYS[1], 'seen') or '0')
            if now > seen then redis.call('HSET', KEYS[1], 'seen', ARGV[2]) end
            """;

    /** KEYS: user. ARGV: connection field, now, expiry, retention ms. 1 when the user came online. */
    private static final RedisScript<Long> HEARTBEAT = RedisScript.returningLong(PRUNE + """
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            if live == 0 then return 1 end
            return 0
            """);

    /** KEYS: user. ARGV: connection field, now, (unused), retention ms. 1 when the user went offline. */
    private static final RedisScript<Long> DISCONNECT = RedisScript.returningLong(PRUNE + """
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            if wasLive and live == 1 then return 1 end
            return 0
            """);

    /** Drops lapsed indicators and lets the key expire with the last one. */
    private static final String REINDEX_TYPING = """
            local function reindex(key, now)
              redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
              local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
              if last[2] then
                redis.call('PEXPIRE', key, math.max(1, tonumber(last[2]) - tonumber(now)))
              end
            end
            """;

    /** KEYS: conversation. ARGV: user, now, expiry. 1 when the user was not typing yet. */
    private static final RedisScript<Long> TYPING = RedisScript.returningLong(REINDEX_TYPING + """
            local before = redis.call('ZSCORE', KEYS[1], ARGV[1])
            redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
            reindex(KEYS[1], ARGV[2])
            if before and tonumber(before) > tonumber(ARGV[2]) then return 0 end
            return 1
            """);

    /** KEYS: conversation. ARGV: user, now. 1 when the user was typing. */
    private static final RedisScript<Long> STOPPED_TYPING = RedisScript.returningLong(REINDEX_TYPING + """
            local before = redis.call('ZSCORE', KEYS[1], ARGV[1])
            redis.call('ZREM', KEYS[1], ARGV[1])
            reindex(KEYS[1], ARGV[2])
            if before and tonumber(before) > tonumber(ARGV[2]) then return 1 end
            return 0
            """);

    /** KEYS: conversation. ARGV: now, exclusive. */
    private static final RedisScript<List<Object>> TYPING_IN = RedisScript.returningList(
            "return redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf')");

    private final RedisService redis;
    private final PresenceOptions options;
    private final TypingListener typingListener;
    private final String connectionTtlMillis;
    private final String retentionMillis;

    DefaultPresence(RedisService redis, PresenceOptions options, TypingListener typingListener) {
        if (redis == null || options == null || typingListener == null) {
            throw new IllegalArgumentException((redis == null ? "redis" : options == null ? "options" : "typingListener")
                    + " must not be null" + (typingListener == null ? "; use TypingListener.NONE for none" : ""));
        }
        this.redis = redis;
        this.options = options;
        this.typingListener = typingListener;
        this.connectionTtlMillis = Long.toString(options.connectionTtl().toMillis());
        this.retentionMillis = Long.toString(options.lastSeenRetention().toMillis());
    }

    @Override
    public boolean heartbeat(String userId, String connectionId) {
        requireId("userId", userId);
        requireId("connectionId", connectionId);
        long now = redis.clock().millis();
        return redis.scripts().run(HEARTBEAT, List.of(userKey(userId)), List.of("c:" + connectionId, Long.toString(now),
                Long.toString(now + options.connectionTtl().toMillis()), retentionMillis)) == 1;
    }

    @Override
    public boolean disconnect(String userId, String connectionId) {
        requireId("userId", userId);
        requireId("connectionId", connectionId);
        long now = redis.clock().millis();
        return redis.scripts().run(DISCONNECT, List.of(userKey(userId)),
                List.of("c:" + connectionId, Long.toString(now), connectionTtlMillis, retentionMillis)) == 1;
    }

    @Override
    public UserPresence presence(String userId) {
        requireId("userId", userId);
        return presence(List.of(userId)).get(userId);
    }

    @Override
    public Map<String, UserPresence> presence(Collection<String> userIds) {
        List<String> users = distinct(userIds);
        if (users.isEmpty()) {
            return Map.of();
        }
        RedisBatch batch = redis.batch();
        long now = redis.clock().millis();
        List<BatchResult<Map<String, String>>> replies = queueReads(batch, users);
        batch.execute();
        return collect(userIds, users, replies, now);
    }

    @Override
    public CompletionStage<Map<String, UserPresence>> presenceAsync(Collection<String> userIds) {
        List<String> users;
        try {
            users = distinct(userIds);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (users.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        RedisBatch batch = redis.batch();
        long now = redis.clock().millis();
        List<BatchResult<Map<String, String>>> replies = queueReads(batch, users);
        return batch.executeAsync().thenApply(done -> collect(userIds, users, replies, now));
    }

    /**
     * One {@code HGETALL} per user, all in one batch: one write per master, read from the masters.
     * Plain reads rather than a script per slot: on a cluster nearly every user of a group is in a
     * slot of their own, and a script call cost Redis 15-20 µs against 3 µs for the read (commandstats,
     * chat load in conversations of 64, docs/benchmarks.md); the read changes nothing, so nothing
     * needs a script's atomicity.
     */
    private List<BatchResult<Map<String, String>>> queueReads(RedisBatch batch, List<String> users) {
        List<BatchResult<Map<String, String>>> replies = new ArrayList<>(users.size());
        for (String user : users) {
            replies.add(batch.hashes().getAll(userKey(user)));
        }
        return replies;
    }

    /** The users' presence in the order asked; the first failed read's error when any failed. */
    private static Map<String, UserPresence> collect(Collection<String> userIds, List<String> users,
            List<BatchResult<Map<String, String>>> replies, long now) {
        Map<String, UserPresence> found = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            found.put(users.get(i), userPresence(users.get(i), replies.get(i).get(), now));
        }
        return inAskedOrder(userIds, found);
    }

    @Override
    public void typing(String conversationId, String userId) {
        requireId("conversationId", conversationId);
        requireId("userId", userId);
        long now = redis.clock().millis();
        long until = now + options.typingTtl().toMillis();
        long started = redis.scripts().run(TYPING, List.of(typingKey(conversationId)),
                List.of(userId, Long.toString(now), Long.toString(until)));
        if (started == 1) {
            announce(new TypingEvent(conversationId, userId, true, Instant.ofEpochMilli(until)));
        }
    }

    @Override
    public void stoppedTyping(String conversationId, String userId) {
        requireId("conversationId", conversationId);
        requireId("userId", userId);
        long now = redis.clock().millis();
        long stopped = redis.scripts().run(STOPPED_TYPING, List.of(typingKey(conversationId)), List.of(userId, Long.toString(now)));
        if (stopped == 1) {
            announce(new TypingEvent(conversationId, userId, false, Instant.ofEpochMilli(now)));
        }
    }

    @Override
    public List<String> typingIn(String conversationId) {
        requireId("conversationId", conversationId);
        List<Object> users = redis.scripts().run(TYPING_IN, List.of(typingKey(conversationId)),
                List.of(Long.toString(redis.clock().millis())));
        return users.stream().map(String.class::cast).toList();
    }

    @Override
    public PresenceOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "Presence[" + options + "]";
    }

    /** Returns the distinct users asked about, in the order asked. */
    private static List<String> distinct(Collection<String> userIds) {
        if (userIds == null) {
            throw new IllegalArgumentException("userIds must not be null");
        }
        if (userIds.size() > MAX_USERS_PER_QUERY) {
            throw new IllegalArgumentException("userIds must hold at most " + MAX_USERS_PER_QUERY + " users, held " + userIds.size());
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        int index = 0;
        for (String userId : userIds) {
            requireId("userIds[" + index++ + "]", userId);
            distinct.add(userId);
        }
        return List.copyOf(distinct);
    }

    private static Map<String, UserPresence> inAskedOrder(Collection<String> userIds, Map<String, UserPresence> found) {
        Map<String, UserPresence> ordered = new LinkedHashMap<>();
        for (String userId : userIds) {
            ordered.put(userId, found.get(userId));
        }
        return ordered;
    }

    /** Reads a user's hash as the writes left it: live connections are the {@code c:} fields whose expiry is after now. */
    private static UserPresence userPresence(String userId, Map<String, String> fields, long now) {
        int live = 0;
        long seen = 0;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getKey().equals("seen")) {
                seen = Long.parseLong(field.getValue());
            } else if (field.getKey().startsWith("c:") && Long.parseLong(field.getValue()) > now) {
                live++;
            }
        }
        return new UserPresence(userId, live, seen == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(seen)));
    }

    private void announce(TypingEvent event) {
        try {
            typingListener.onTyping(event);
        } catch (RuntimeException e) {
            // The indicator is recorded; a lost announcement only delays what receivers show.
            log.warn("Typing listener failed for conversation {}", event.conversationId(), e);
        }
    }

    private String userKey(String userId) {
        return options.namespace() + ":user:" + userId;
    }

    private String typingKey(String conversationId) {
        return options.namespace() + ":typing:" + conversationId;
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
