package org.chatapp.bench;

import java.util.concurrent.CompletionStage;

/** One peer's connection under test: the same GET and SET, blocking and non-blocking. */
interface BenchClient extends AutoCloseable {

    String get(String key);

    void set(String key, String value);

    CompletionStage<?> getAsync(String key);

    CompletionStage<?> setAsync(String key, String value);

    @Override
    void close();
}
