package org.chatapp.redis.idempotency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.chatapp.redis.RedisScript;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.RedisServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key under {@code <namespace>:<key>} holds {@code p:<token>} while a caller runs the operation
 * (with the lease as TTL) and {@code d:<result>} once it returned (with the caller's TTL). Completing
 * and releasing compare the token first, so a caller whose lease lapsed never overwrites the claim
 * of the caller that took over.
 */
final class DefaultIdempotency implements Idempotency {

    private static final Logger log = LoggerFactory.getLogger(DefaultIdempotency.class);

    private static final String PENDING = "p:";
    private static final String DONE = "d:";
    private static final Duration LONGEST_TTL = Duration.ofDays(365L * 1000);

    /** KEYS: key. ARGV: token, lease ms. Nil when this call claimed the key, else the value found. */
    private static final RedisScript<String> CLAIM = RedisScript.returningString("""
            local found = redis.call('GET', KEYS[1])
            if found then return found end
            redis.call('SET', KEYS[1], 'p:' .. ARGV[1], 'PX', ARGV[2])
            return false
            """);

    /** KEYS: key. ARGV: token, result, ttl ms. 1 when the claim was still this caller's. */
    private static final RedisScript<Long> COMPLETE = RedisScript.returningLong("""
            if redis.call('GET', KEYS[1]) ~= 'p:' .. ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], 'd:' .. ARGV[2], 'PX', ARGV[3])
            return 1
            """);

    /** KEYS: key. ARGV: token. 1 when the claim was still this caller's. */
    private static final RedisScript<Long> RELEASE = RedisScript.returningLong("""
            if redis.call('GET', KEYS[1]) ~= 'p:' .. ARGV[1] then return 0 end
            return redis.call('DEL', KEYS[1])
            """);

    private final RedisService redis;
    private final IdempotencyOptions options;
    private final String leaseMillis;

    DefaultIdempotency(RedisService redis, IdempotencyOptions options) {
        if (redis == null || options == null) {
            throw new IllegalArgumentException((redis == null ? "redis" : "options") + " must not be null");
        }
        this.redis = redis;
        this.options = options;
        this.leaseMillis = Long.toString(options.lease().toMillis());
    }

    @Override
    public IdempotencyOutcome execute(String key, Duration ttl, Supplier<String> operation) {
        requireKey(key);
        if (ttl == null || ttl.compareTo(Duration.ofMillis(1)) < 0 || ttl.compareTo(LONGEST_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be from 1 ms to 1000 years, was " + ttl);
        }
        if (operation == null) {
            throw new IllegalArgumentException("operation must not be null");
        }
        String redisKey = options.namespace() + ":" + key;
        String token = UUID.randomUUID().toString();
        String found = redis.scripts().run(CLAIM, List.of(redisKey), List.of(token, leaseMillis));
        if (found != null) {
            return found.startsWith(DONE) ? IdempotencyOutcome.replayed(found.substring(DONE.length())) : IdempotencyOutcome.inProgress();
        }
        String result;
        try {
            result = operation.get();
        } catch (RuntimeException | Error e) {
            release(redisKey, token, e);
            throw e;
        }
        requireStorable(result);
        try {
            long completed = redis.scripts().run(COMPLETE, List.of(redisKey), List.of(token, result, Long.toString(ttl.toMillis())));
            if (completed == 0) {
                log.warn("Idempotent operation for key '{}' outlived its lease of {}; its result was not stored, and another "
                        + "caller may have run it again", key, options.lease());
            }
        } catch (RedisServiceException e) {
            // The operation ran: its result is the caller's even though Redis did not keep it.
            log.warn("Idempotent operation for key '{}' ran, but its result was not stored; the key frees itself after the "
                    + "lease of {}", key, options.lease(), e);
        }
        return IdempotencyOutcome.executed(result);
    }

    @Override
    public IdempotencyOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "Idempotency[" + options + "]";
    }

    private void release(String redisKey, String token, Throwable failure) {
        try {
            redis.scripts().run(RELEASE, List.of(redisKey), List.of(token));
        } catch (RedisServiceException e) {
            // The claim then lapses with the lease; the operation's own failure is what the caller needs.
            failure.addSuppressed(e);
        }
    }

    private void requireStorable(String result) {
        if (result == null) {
            throw new IllegalStateException("operation returned null; return an empty string for no result (the key stays "
                    + "claimed until the lease of " + options.lease() + " ends)");
        }
        int bytes = result.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > options.maxResultBytes()) {
            throw new IllegalStateException("operation returned " + bytes + " bytes, more than idempotency.maxResultBytes ("
                    + options.maxResultBytes() + "); the key stays claimed until the lease of " + options.lease() + " ends");
        }
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty, was " + (key == null ? "null" : "''"));
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("key must be at most " + MAX_KEY_LENGTH + " characters, was " + key.length()
                    + " characters");
        }
    }
}
