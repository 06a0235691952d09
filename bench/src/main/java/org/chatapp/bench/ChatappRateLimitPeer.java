package org.chatapp.bench;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.ratelimit.RateLimitDecision;
import org.chatapp.redis.ratelimit.RateLimiter;
import org.chatapp.redis.ratelimit.RateLimiters;

/**
 * This library's rate limiters, {@code RateLimiters}, as their users take them: one limiter per
 * policy on a {@code RedisService}, judged by the Redis server's clock (the default), asked through
 * {@code tryAcquire(key)} and {@code tryAcquireAsync(key)}.
 */
final class ChatappRateLimitPeer implements RateLimitPeer {

    private static final String NAME = "bench";

    @Override
    public String name() {
        return "chatapp RateLimiters";
    }

    @Override
    public String setup() {
        return "`RateLimiters.fixedWindow`, `slidingWindow` (an exact log) and `tokenBucket` on a `RedisService` with key prefix `"
                + Peers.PREFIX + "`, each " + String.format("%,d", LIMIT) + " permits per " + WINDOW.toSeconds()
                + " s per key (the bucket refilled by as many per second), the server's clock (the default); "
                + "`tryAcquire(key)`, in flight through `tryAcquireAsync(key)`: one script per decision";
    }

    @Override
    public boolean judged() {
        return true;
    }

    @Override
    public boolean hasPolicy(Scenario.Operation policy) {
        return policy.family() == Scenario.Family.RATE_LIMIT;
    }

    @Override
    public RateLimitClient connect(Topology topology, List<String> keys) {
        RedisService redis = RedisService.create(ChatappPeer.options(topology).build());
        Map<Scenario.Operation, RateLimiter> limiters = new EnumMap<>(Scenario.Operation.class);
        limiters.put(Scenario.Operation.RATE_LIMIT_FIXED_WINDOW, RateLimiters.fixedWindow(redis, NAME, LIMIT, WINDOW));
        limiters.put(Scenario.Operation.RATE_LIMIT_SLIDING_WINDOW, RateLimiters.slidingWindow(redis, NAME, LIMIT, WINDOW));
        limiters.put(Scenario.Operation.RATE_LIMIT_TOKEN_BUCKET, RateLimiters.tokenBucket(redis, NAME, LIMIT, LIMIT, WINDOW));
        return new RateLimitClient() {
            @Override
            public boolean tryAcquire(Scenario.Operation policy, String key) {
                return limiters.get(policy).tryAcquire(key).allowed();
            }

            @Override
            public CompletionStage<Boolean> tryAcquireAsync(Scenario.Operation policy, String key) {
                return limiters.get(policy).tryAcquireAsync(key).thenApply(RateLimitDecision::allowed);
            }

            @Override
            public void close() {
                redis.close();
            }
        };
    }
}
