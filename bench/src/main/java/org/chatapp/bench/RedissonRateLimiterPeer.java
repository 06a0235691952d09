package org.chatapp.bench;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.redisson.Redisson;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;

/**
 * Redisson's {@code RRateLimiter} as its users take it, one limiter per key: a sliding-window log
 * like this library's sliding window, so it is measured in that case only.
 */
final class RedissonRateLimiterPeer implements RateLimitPeer {

    @Override
    public String name() {
        return "Redisson " + Versions.of("org.redisson", "redisson") + " RRateLimiter";
    }

    @Override
    public String setup() {
        return "`Config` with `useSingleServer()`/`useClusterServers()` and defaults otherwise; an `RRateLimiter` per key, "
                + "`trySetRate(OVERALL, " + String.format("%,d", LIMIT) + ", " + WINDOW.toSeconds()
                + " s)` once per key before the runs (not counted), then `tryAcquire()`, in flight through `tryAcquireAsync()`: "
                + "one script per decision, a sliding-window log judged by the client's clock; only in the sliding-window case";
    }

    @Override
    public boolean hasPolicy(Scenario.Operation policy) {
        return policy == Scenario.Operation.RATE_LIMIT_SLIDING_WINDOW;
    }

    @Override
    public RateLimitClient connect(Topology topology, List<String> keys) {
        RedissonClient redisson = Redisson.create(RedissonPeer.config(topology));
        try {
            for (String key : keys) {
                limiter(redisson, key).trySetRate(RateType.OVERALL, LIMIT, WINDOW);
            }
        } catch (RuntimeException e) {
            redisson.shutdown();
            throw e;
        }
        return new RateLimitClient() {
            @Override
            public boolean tryAcquire(Scenario.Operation policy, String key) {
                return limiter(redisson, key).tryAcquire();
            }

            @Override
            public CompletionStage<Boolean> tryAcquireAsync(Scenario.Operation policy, String key) {
                return limiter(redisson, key).tryAcquireAsync();
            }

            @Override
            public void close() {
                redisson.shutdown();
            }
        };
    }

    private static RRateLimiter limiter(RedissonClient redisson, String key) {
        return redisson.getRateLimiter(Peers.PREFIX + "ratelimit:" + key);
    }
}
