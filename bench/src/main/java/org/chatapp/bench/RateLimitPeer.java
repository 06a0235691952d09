package org.chatapp.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A peer measured in the rate-limit cases: a library's rate limiter, one per policy it has, asked
 * for one permit at a time for keys such as user ids, driven by the {@link Runner}.
 */
interface RateLimitPeer extends Peer {

    /**
     * The permits every limiter grants per key and per {@link #WINDOW}: far above what any run asks of
     * one key, so every decision is an allow, the path a limiter takes for nearly every call.
     */
    int LIMIT = 10_000;
    Duration WINDOW = Duration.ofSeconds(1);

    /** Returns whether this peer has a limiter for the case's policy. */
    boolean hasPolicy(Scenario.Operation policy);

    /**
     * Connects to the topology and prepares a limiter per policy it has for each key the runs will use.
     */
    RateLimitClient connect(Topology topology, List<String> keys);

    @Override
    default boolean measures(Scenario scenario) {
        return scenario.family() == Scenario.Family.RATE_LIMIT && hasPolicy(scenario.operation());
    }

    @Override
    default Session open(Topology topology, Runner runner) {
        RateLimitClient client = connect(topology, runner.keys());
        return new Session() {
            @Override
            public RunResult run(Scenario scenario, Duration duration) {
                return runner.runRateLimits(client, scenario, duration);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    /** A connected client with its limiters; keys are raw, to which it adds {@link Peers#PREFIX} its own way. */
    interface RateLimitClient extends AutoCloseable {

        /** Asks the limiter of a policy for one permit for a key; returns whether it was granted. */
        boolean tryAcquire(Scenario.Operation policy, String key);

        /** Asks like {@link #tryAcquire} without blocking. */
        CompletionStage<Boolean> tryAcquireAsync(Scenario.Operation policy, String key);

        @Override
        void close();
    }
}
