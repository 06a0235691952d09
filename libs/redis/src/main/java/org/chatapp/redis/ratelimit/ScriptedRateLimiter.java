package org.chatapp.redis.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.chatapp.redis.RedisService;

/** One script run per decision, on the key {@code ratelimit:<kind>:<name>:<key>}. */
final class ScriptedRateLimiter implements RateLimiter {

    /** Sent instead of a time: the script reads the server's clock. */
    private static final String SERVER_TIME = "server";

    private static final String SERVICE_CLOCK_GRACE_MILLIS = Long.toString(RateLimiterOptions.SERVICE_CLOCK_EXPIRY_GRACE.toMillis());

    /** A char takes at most 3 bytes in UTF-8 (a surrogate pair 4 for two), so no key of this length or less is too long. */
    private static final int LONGEST_KEY_SURELY_SHORT_ENOUGH = MAX_KEY_BYTES / 3;

    private final RedisService redis;
    private final RateLimiterOptions options;
    private final PolicyScript policyScript;
    private final String keyPrefix;

    ScriptedRateLimiter(RedisService redis, RateLimiterOptions options) {
        this.redis = redis;
        this.options = options;
        this.policyScript = PolicyScript.of(options.policy());
        this.keyPrefix = "ratelimit:" + policyScript.kind() + ":" + options.name() + ":";
    }

    @Override
    public RateLimitDecision tryAcquire(String key) {
        return tryAcquire(key, 1);
    }

    @Override
    public RateLimitDecision tryAcquire(String key, int permits) {
        String storedKey = storedKey(key, permits);
        return decision(redis.scripts().run(policyScript.script(), List.of(storedKey), arguments(permits)));
    }

    @Override
    public CompletionStage<RateLimitDecision> tryAcquireAsync(String key) {
        return tryAcquireAsync(key, 1);
    }

    @Override
    public CompletionStage<RateLimitDecision> tryAcquireAsync(String key, int permits) {
        String storedKey;
        try {
            storedKey = storedKey(key, permits);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return redis.scripts().runAsync(policyScript.script(), List.of(storedKey), arguments(permits))
                .thenApply(ScriptedRateLimiter::decision);
    }

    @Override
    public RateLimiterOptions options() {
        return options;
    }

    /** Returns the key the limiter stores a caller's key under (before the service's prefix). */
    String storedKey(String key) {
        return storedKey(key, 1);
    }

    private String storedKey(String key, int permits) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty, was " + (key == null ? "null" : "''"));
        }
        if (key.length() > LONGEST_KEY_SURELY_SHORT_ENOUGH) {
            int bytes = key.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_KEY_BYTES) {
                // The key itself is not repeated: at this size it would flood the log that shows the message.
                throw new IllegalArgumentException("key must be at most " + MAX_KEY_BYTES + " bytes in UTF-8, was " + bytes
                        + " bytes starting '" + key.substring(0, 32) + "'");
            }
        }
        int maxPermits = options.policy().maxPermits();
        if (permits < 1 || permits > maxPermits) {
            throw new IllegalArgumentException("permits must be from 1 to " + maxPermits + " (the policy's "
                    + (options.policy() instanceof RateLimitPolicy.TokenBucket ? "capacity" : "limit") + "), was " + permits);
        }
        return keyPrefix + key;
    }

    private List<String> arguments(int permits) {
        List<String> arguments = new ArrayList<>(policyScript.settings().size() + 3);
        if (options.timeSource() == TimeSource.SERVICE_CLOCK) {
            arguments.add(Long.toString(redis.clock().millis()));
            arguments.add(SERVICE_CLOCK_GRACE_MILLIS);
        } else {
            arguments.add(SERVER_TIME);
            arguments.add("0");
        }
        arguments.addAll(policyScript.settings());
        arguments.add(Integer.toString(permits));
        return arguments;
    }

    private static RateLimitDecision decision(List<Object> reply) {
        return new RateLimitDecision(((Long) reply.get(0)) == 1L, (Long) reply.get(1),
                Duration.ofMillis((Long) reply.get(2)), Duration.ofMillis((Long) reply.get(3)));
    }

    @Override
    public String toString() {
        return "RateLimiter[" + options.name() + ", " + options.policy() + ", " + options.timeSource() + "]";
    }
}
