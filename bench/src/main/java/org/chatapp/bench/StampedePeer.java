package org.chatapp.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A peer measured in the cache-stampede case: a cache that users read with a loader
 * ({@code get(key, loader)}, or {@code @Cacheable(sync = true)}), as two instances of a service
 * on the same Redis, each with a client (or a Spring context) of its own, driven by the
 * {@link Runner}.
 */
interface StampedePeer extends Peer {

    /** The instances of the service, each connected on its own: one load per key across them is the goal. */
    int INSTANCES = 2;
    /** How long the loader takes: the source's query that the cache is there to spare. */
    Duration LOAD_TIME = Duration.ofMillis(20);

    /**
     * Connects one instance of the peer's cache to the topology, loading through the given loader on
     * a miss; the instances of a topology share the cache's keys.
     */
    CacheInstance connect(Topology topology, Function<String, String> loader);

    @Override
    default boolean measures(Scenario scenario) {
        return scenario.operation() == Scenario.Operation.CACHE_STAMPEDE;
    }

    @Override
    default Session open(Topology topology, Runner runner) {
        CountingLoader loader = new CountingLoader();
        List<CacheInstance> instances = new ArrayList<>();
        try {
            for (int i = 0; i < INSTANCES; i++) {
                instances.add(connect(topology, loader));
            }
        } catch (RuntimeException e) {
            instances.forEach(CacheInstance::close);
            throw e;
        }
        return new Session() {
            @Override
            public RunResult run(Scenario scenario, Duration duration) {
                return runner.runStampede(instances, loader, scenario);
            }

            @Override
            public void close() {
                instances.forEach(CacheInstance::close);
            }
        };
    }

    /** One instance's cache; keys are raw. */
    interface CacheInstance extends AutoCloseable {

        /** Returns the key's value from the cache, which calls its loader on a miss. */
        String get(String key);

        @Override
        void close();
    }

    /** The source behind every instance's cache: counts its calls and takes {@link #LOAD_TIME} each. */
    final class CountingLoader implements Function<String, String> {

        private final AtomicLong calls = new AtomicLong();

        /** Returns the value the source has for a key, which every caller must get. */
        static String valueOf(String key) {
            return "value of " + key;
        }

        @Override
        public String apply(String key) {
            calls.incrementAndGet();
            try {
                // Stands for the query the cache spares the source; a workload, not a wait for a condition.
                Thread.sleep(LOAD_TIME.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading " + key, e);
            }
            return valueOf(key);
        }

        long calls() {
            return calls.get();
        }
    }
}
