package org.chatapp.bench;

import java.time.Duration;

/** A peer measured in the lock cases: a library's distributed lock, driven by the {@link Runner}. */
interface LockPeer extends Peer {

    /** How long a caller waits for a lock before the run fails: far longer than any run waits. */
    Duration WAIT = Duration.ofSeconds(30);

    /** Connects to the topology. */
    LockClient connect(Topology topology);

    @Override
    default boolean measures(Scenario scenario) {
        return scenario.family() == Scenario.Family.LOCK;
    }

    @Override
    default Session open(Topology topology, Runner runner) {
        LockClient client = connect(topology);
        return new Session() {
            @Override
            public RunResult run(Scenario scenario, Duration duration) {
                return runner.runLocks(client, scenario, duration);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    /** A connected lock client; names are raw, to which it adds {@link Peers#PREFIX} its own way. */
    interface LockClient extends AutoCloseable {

        /**
         * Acquires the lock of that name, waiting up to {@link #WAIT} while another holds it, and
         * releases it: the pair a caller pays for around its critical section.
         *
         * @throws IllegalStateException when the lock was not acquired within the wait
         */
        void acquireAndRelease(String name);

        @Override
        void close();
    }
}
