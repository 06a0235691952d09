package org.chatapp.bench;

/** A Redis client library measured in the benchmark; each row of the report is one peer. */
interface Peer {

    /** Returns the name shown in the report. */
    String name();

    /** Connects to the topology; keys the benchmark passes are raw keys (the peer adds no prefix). */
    BenchClient connect(Topology topology);
}
