package org.chatapp.bench;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A peer measured in the pub/sub cases: one client of a library, as a chat service holds it, that
 * both publishes events and has one subscriber for them, driven by the {@link Runner}.
 */
interface PubSubPeer extends Peer {

    /**
     * Connects to the topology and subscribes the handler to this peer's channel; the handler gets
     * every event read back from JSON, on whatever thread the library runs its handlers. Each peer
     * has a channel of its own, so that no peer's events reach another's subscriber.
     */
    PubSubClient connect(Topology topology, Consumer<BenchEvent> handler);

    @Override
    default boolean measures(Scenario scenario) {
        return scenario.family() == Scenario.Family.PUB_SUB;
    }

    @Override
    default Session open(Topology topology, Runner runner) {
        Deliveries deliveries = new Deliveries();
        PubSubClient client = connect(topology, deliveries);
        try {
            runner.awaitSubscribed(client, deliveries);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return new Session() {
            @Override
            public RunResult run(Scenario scenario, Duration duration) {
                return runner.runPubSub(client, deliveries, scenario, duration);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    /** A connected client with its subscriber in place. */
    interface PubSubClient extends AutoCloseable {

        /** Publishes an event to this peer's channel and returns once Redis took it. */
        void publish(BenchEvent event);

        @Override
        void close();
    }
}
