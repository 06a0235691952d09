package org.chatapp.bench;

import java.time.Duration;
import java.util.List;

/**
 * A peer measured in the cache-hit cases: a cache (or the plain GET it is set against) holding
 * every key the runs read, driven by the {@link Runner} from blocking threads.
 */
interface CacheHitPeer extends Peer {

    /** Returns whether this peer is measured in a hit case: the near-cache one, the cache-aside one, or both. */
    boolean measuresHits(Scenario.Operation operation);

    /**
     * Connects to the topology and stores a value for every key, so that each read in the runs is
     * a hit (after the first read of a key for a near cache, which the warm-up makes).
     */
    CacheHitClient connect(Topology topology, List<String> keys, String value);

    @Override
    default boolean measures(Scenario scenario) {
        return scenario.family() == Scenario.Family.CACHE && measuresHits(scenario.operation());
    }

    @Override
    default Session open(Topology topology, Runner runner) {
        CacheHitClient client = connect(topology, runner.keys(), runner.value());
        return new Session() {
            @Override
            public RunResult run(Scenario scenario, Duration duration) {
                return runner.runCacheHits(client, scenario, duration);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    /** The loader of a cache that should only hit: called, it fails the run. */
    static String missed(String key) {
        throw new IllegalStateException("the cache missed key " + key + " in a hit case");
    }

    /** A connected cache; keys are raw, to which it adds {@link Peers#PREFIX} its own way. */
    interface CacheHitClient extends AutoCloseable {

        /**
         * Returns the key's value as the peer's users read it; a miss is an {@link IllegalStateException},
         * since the row would then measure loads, not hits.
         */
        String get(String key);

        @Override
        void close();
    }
}
