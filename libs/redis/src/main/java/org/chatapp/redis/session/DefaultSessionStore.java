package org.chatapp.redis.session;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chatapp.redis.RedisScript;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.session.SessionPayloadException.Reason;

/**
 * Sessions as hashes ({@code user}, {@code created}, {@code expires}, {@code data}) under
 * {@code <namespace>:{<userRef>}:s:<secret>}, and each user's index as a sorted set under
 * {@code <namespace>:{<userRef>}:index}: one hash tag per user, so every script below touches one
 * slot. Every write prunes the index of ended sessions and sets its TTL to its last session's.
 */
final class DefaultSessionStore<T> implements SessionStore<T> {

    /** Prunes ended sessions from an index and lets the index expire with its last session. */
    private static final String REINDEX = """
            local function reindex(index, now)
              redis.call('ZREMRANGEBYSCORE', index, '-inf', now)
              local last = redis.call('ZRANGE', index, -1, -1, 'WITHSCORES')
              if last[2] then
                redis.call('PEXPIRE', index, math.max(1, tonumber(last[2]) - tonumber(now)))
              end
            end
            """;

    /** KEYS: session, index. ARGV: member, user, now, expires, data, ttl ms. 0 when the id is taken. */
    private static final RedisScript<Long> CREATE = RedisScript.returningLong(REINDEX + """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'user', ARGV[2], 'created', ARGV[3], 'expires', ARGV[4], 'data', ARGV[5])
            redis.call('PEXPIRE', KEYS[1], ARGV[6])
            redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
            reindex(KEYS[2], ARGV[3])
            return 1
            """);

    /**
     * KEYS: session, index. ARGV: member, now, expires, ttl ms, and the new data for an update.
     * 0 when the session is gone or has ended by the caller's clock; an ended one is deleted so it
     * cannot come back.
     */
    private static final RedisScript<Long> SLIDE = RedisScript.returningLong(REINDEX + """
            local expires = redis.call('HGET', KEYS[1], 'expires')
            if not expires or tonumber(expires) <= tonumber(ARGV[2]) then
              redis.call('DEL', KEYS[1])
              redis.call('ZREM', KEYS[2], ARGV[1])
              reindex(KEYS[2], ARGV[2])
              return 0
            end
            if ARGV[5] then redis.call('HSET', KEYS[1], 'data', ARGV[5]) end
            redis.call('HSET', KEYS[1], 'expires', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
            reindex(KEYS[2], ARGV[2])
            return 1
            """);

    /** KEYS: session. A script only so the read goes to the master, whatever the service reads from. */
    private static final RedisScript<List<Object>> READ = RedisScript.returningList(
            "return redis.call('HMGET', KEYS[1], 'user', 'created', 'expires', 'data')");

    /** KEYS: session, index. ARGV: member, now. 1 when the session existed. */
    private static final RedisScript<Long> DELETE = RedisScript.returningLong(REINDEX + """
            local existed = redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            reindex(KEYS[2], ARGV[2])
            return existed
            """);

    /** KEYS: index. ARGV: the lowest expiry to include, exclusive ('-inf' for every member). */
    private static final RedisScript<List<Object>> MEMBERS = RedisScript.returningList(
            "return redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf')");

    /**
     * KEYS: index, then sessions. ARGV: now, then the sessions' members in the order of KEYS. Returns
     * how many sessions existed and how many members the index still holds (sessions created since
     * the members were read).
     */
    private static final RedisScript<List<Object>> DELETE_MEMBERS = RedisScript.returningList(REINDEX + """
            local deleted = 0
            for i = 2, #KEYS do
              deleted = deleted + redis.call('DEL', KEYS[i])
              redis.call('ZREM', KEYS[1], ARGV[i])
            end
            reindex(KEYS[1], ARGV[1])
            return {deleted, redis.call('ZCARD', KEYS[1])}
            """);

    private static final int DELETE_ALL_ROUNDS = 10;
    private static final int DELETE_CHUNK = 500;
    private static final int CREATE_ATTEMPTS = 3;

    private final RedisService redis;
    private final ValueCodec<T> codec;
    private final SessionStoreOptions options;
    private final PayloadEnvelope envelope;
    private final SecureRandom random = new SecureRandom();
    private final long ttlMillis;

    DefaultSessionStore(RedisService redis, ValueCodec<T> codec, SessionStoreOptions options) {
        if (redis == null || codec == null || options == null) {
            throw new IllegalArgumentException((redis == null ? "redis" : codec == null ? "codec" : "options") + " must not be null");
        }
        this.redis = redis;
        this.codec = codec;
        this.options = options;
        this.envelope = new PayloadEnvelope(options.keyring(), random);
        this.ttlMillis = options.ttl().toMillis();
    }

    @Override
    public Session<T> create(String userId, T payload) {
        requireUserId(userId);
        byte[] encoded = encode(payload);
        for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
            SessionId id = SessionId.random(userId, random);
            long now = redis.clock().millis();
            long expires = now + ttlMillis;
            String data = envelope.seal(encoded, id.text());
            long created = redis.scripts().run(CREATE, List.of(sessionKey(id), indexKey(id.userRef())),
                    List.of(id.secret(), userId, Long.toString(now), Long.toString(expires), data, Long.toString(ttlMillis)));
            if (created == 1) {
                return new Session<>(id.text(), userId, payload, Instant.ofEpochMilli(now), Instant.ofEpochMilli(expires));
            }
            // 144 random bits make a clash all but impossible; a clash means a broken random source.
        }
        throw new IllegalStateException("every new session id of " + CREATE_ATTEMPTS + " was already taken: the random source is broken");
    }

    @Override
    public Optional<Session<T>> get(String sessionId) {
        SessionId id = parse(sessionId);
        if (id == null) {
            return Optional.empty();
        }
        List<Object> fields = redis.scripts().run(READ, List.of(sessionKey(id)), List.of());
        if (fields.size() != 4 || fields.get(0) == null || fields.get(1) == null || fields.get(2) == null || fields.get(3) == null) {
            return Optional.empty();
        }
        long expires = number(fields.get(2));
        if (expires <= redis.clock().millis()) {
            return Optional.empty();
        }
        String userId = (String) fields.get(0);
        if (!SessionId.userRef(userId).equals(id.userRef())) {
            // The hash was rewritten by hand to another user: the id was issued for someone else.
            throw new SessionPayloadException(Reason.TAMPERED, "session's user does not match the user its id was issued for", null);
        }
        T payload = codec.decode(envelope.open((String) fields.get(3), id.text()));
        return Optional.of(new Session<>(id.text(), userId, payload, Instant.ofEpochMilli(number(fields.get(1))),
                Instant.ofEpochMilli(expires)));
    }

    @Override
    public boolean touch(String sessionId) {
        return slide(sessionId, null);
    }

    @Override
    public boolean update(String sessionId, T payload) {
        SessionId id = parse(sessionId);
        byte[] encoded = encode(payload);
        return id != null && slide(id, envelope.seal(encoded, id.text()));
    }

    @Override
    public boolean delete(String sessionId) {
        SessionId id = parse(sessionId);
        if (id == null) {
            return false;
        }
        long now = redis.clock().millis();
        return redis.scripts().run(DELETE, List.of(sessionKey(id), indexKey(id.userRef())),
                List.of(id.secret(), Long.toString(now))) == 1;
    }

    @Override
    public long deleteAll(String userId) {
        requireUserId(userId);
        String userRef = SessionId.userRef(userId);
        String index = indexKey(userRef);
        long deleted = 0;
        for (int round = 0; round < DELETE_ALL_ROUNDS; round++) {
            List<Object> members = redis.scripts().run(MEMBERS, List.of(index), List.of("-inf"));
            if (members.isEmpty()) {
                return deleted;
            }
            long remaining = 0;
            for (int from = 0; from < members.size(); from += DELETE_CHUNK) {
                List<Object> chunk = members.subList(from, Math.min(members.size(), from + DELETE_CHUNK));
                List<String> keys = new ArrayList<>(chunk.size() + 1);
                List<String> args = new ArrayList<>(chunk.size() + 1);
                keys.add(index);
                args.add(Long.toString(redis.clock().millis()));
                for (Object member : chunk) {
                    keys.add(sessionKey(new SessionId(userRef, (String) member)));
                    args.add((String) member);
                }
                List<Object> result = redis.scripts().run(DELETE_MEMBERS, keys, args);
                deleted += number(result.get(0));
                remaining = number(result.get(1));
            }
            if (remaining == 0) {
                return deleted;
            }
        }
        return deleted;
    }

    @Override
    public List<String> sessionIds(String userId) {
        requireUserId(userId);
        String userRef = SessionId.userRef(userId);
        long now = redis.clock().millis();
        List<Object> members = redis.scripts().run(MEMBERS, List.of(indexKey(userRef)), List.of("(" + now));
        List<String> ids = new ArrayList<>(members.size());
        for (Object member : members) {
            ids.add(new SessionId(userRef, (String) member).text());
        }
        return ids;
    }

    @Override
    public SessionStoreOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "SessionStore[" + options + "]";
    }

    private boolean slide(String sessionId, String data) {
        SessionId id = parse(sessionId);
        return id != null && slide(id, data);
    }

    private boolean slide(SessionId id, String data) {
        long now = redis.clock().millis();
        List<String> args = new ArrayList<>(5);
        args.add(id.secret());
        args.add(Long.toString(now));
        args.add(Long.toString(now + ttlMillis));
        args.add(Long.toString(ttlMillis));
        if (data != null) {
            args.add(data);
        }
        return redis.scripts().run(SLIDE, List.of(sessionKey(id), indexKey(id.userRef())), args) == 1;
    }

    private byte[] encode(T payload) {
        if (payload == null) {
            throw new IllegalArgumentException("payload must not be null; delete the session instead");
        }
        byte[] encoded = codec.encode(payload);
        if (encoded.length > options.maxPayloadBytes()) {
            throw new IllegalArgumentException("payload must be at most " + options.maxPayloadBytes()
                    + " bytes once encoded (session.maxPayloadBytes), was " + encoded.length + " bytes");
        }
        return encoded;
    }

    private String sessionKey(SessionId id) {
        return options.namespace() + ":{" + id.userRef() + "}:s:" + id.secret();
    }

    private String indexKey(String userRef) {
        return options.namespace() + ":{" + userRef + "}:index";
    }

    /** Returns the id, or null for text this store never issues; never shows the text, a credential. */
    private static SessionId parse(String sessionId) {
        if (sessionId == null || sessionId.isEmpty()) {
            throw new IllegalArgumentException("sessionId must not be empty, was " + (sessionId == null ? "null" : "''"));
        }
        if (sessionId.length() > MAX_SESSION_ID_LENGTH) {
            throw new IllegalArgumentException("sessionId must be at most " + MAX_SESSION_ID_LENGTH + " characters, was "
                    + sessionId.length() + " characters");
        }
        return SessionId.parse(sessionId);
    }

    private static void requireUserId(String userId) {
        if (userId == null || userId.isEmpty()) {
            throw new IllegalArgumentException("userId must not be empty, was " + (userId == null ? "null" : "''"));
        }
        if (userId.length() > MAX_USER_ID_LENGTH) {
            throw new IllegalArgumentException("userId must be at most " + MAX_USER_ID_LENGTH + " characters, was "
                    + userId.length() + " characters");
        }
    }

    private static long number(Object reply) {
        return reply instanceof Long value ? value : Long.parseLong((String) reply);
    }
}
