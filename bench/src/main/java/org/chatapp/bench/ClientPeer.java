package org.chatapp.bench;

import java.time.Duration;

/** A peer measured through a Java client that the {@link Runner} drives. */
interface ClientPeer extends Peer {

    /**
     * Connects to the topology; keys the benchmark passes are raw keys, to which the client adds
     * {@link Peers#PREFIX}.
     */
    BenchClient connect(Topology topology);

    @Override
    default Session open(Topology topology, Runner runner) {
        BenchClient client = connect(topology);
        try {
            // Each peer writes the keys itself, so its GETs never depend on which peers ran before it.
            runner.load(client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return new DrivenSession(client, runner);
    }

    /** Runs every case through the runner on one connected client. */
    record DrivenSession(BenchClient client, Runner runner) implements Session {

        @Override
        public RunResult run(Scenario scenario, Duration duration) {
            return runner.run(client, scenario, duration);
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
