package org.chatapp.bench;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One peer's connection under test: the same blocking GET and SET, one of the two ways its users
 * keep many calls in flight, and its explicit batch.
 */
sealed interface BenchClient extends AutoCloseable permits BenchClient.Async, BenchClient.Pipelined {

    String get(String key);

    void set(String key, String value);

    /**
     * Sends a GET per key as one batch, the way the client's users send many commands from one
     * thread, and returns once every reply has arrived and been read as the value its users get.
     */
    void getBatch(List<String> keys);

    /** Sends a SET per key as one batch and returns once every reply has arrived and been read. */
    void setBatch(List<String> keys, String value);

    @Override
    void close();

    /** A client whose users keep calls in flight as futures, one per call. */
    non-sealed interface Async extends BenchClient {

        CompletionStage<?> getAsync(String key);

        CompletionStage<?> setAsync(String key, String value);
    }

    /**
     * A client without a non-blocking API, whose users keep calls in flight by pipelining: each
     * method sends all the commands and returns when every reply has arrived.
     */
    non-sealed interface Pipelined extends BenchClient {

        void getPipelined(List<String> keys);

        void setPipelined(List<String> keys, String value);
    }
}
