package org.chatapp.bench;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One peer's connection under test: the same blocking GET and SET, and one of the two ways its
 * users keep many calls in flight.
 */
sealed interface BenchClient extends AutoCloseable permits BenchClient.Async, BenchClient.Pipelined {

    String get(String key);

    void set(String key, String value);

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
