package org.chatapp.bench;

import java.time.Duration;

/**
 * Something measured in the benchmark, a Redis client library or the {@code redis-benchmark}
 * tool; each row of a case in the report is one peer.
 */
interface Peer {

    /** Returns the name shown in the report, with the version where there is one. */
    String name();

    /** Returns how the peer is set up and driven, as the report's header tells it. */
    String setup();

    /** Returns whether this peer is measured in a case; GET/SET peers are measured in every GET and SET case. */
    default boolean measures(Scenario scenario) {
        return scenario.family() == Scenario.Family.KEY_VALUE;
    }

    /**
     * Returns the case whose runs stand for the given one: the case itself, but for a peer that
     * drives two cases the same way, the one of them measured first. When the report already has
     * this peer's row of that case on the topology, the runs are shown again, not measured again.
     */
    default Scenario measuredAs(Scenario scenario) {
        return scenario;
    }

    /**
     * Returns whether the goals judge this peer's rows: this library as its users get it, against
     * the other peers of the same family.
     */
    default boolean judged() {
        return false;
    }

    /**
     * Prepares the peer on a topology: connects, and writes the keys it will read.
     *
     * @param runner drives Java clients; a peer that measures itself may ignore it
     */
    Session open(Topology topology, Runner runner);

    /** A peer ready on one topology; closed when all cases on that topology are measured. */
    interface Session extends AutoCloseable {

        /** Measures one case for about the given time. */
        RunResult run(Scenario scenario, Duration duration);

        @Override
        void close();
    }
}
