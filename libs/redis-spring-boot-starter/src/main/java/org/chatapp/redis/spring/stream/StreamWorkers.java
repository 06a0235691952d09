package org.chatapp.redis.spring.stream;

import java.util.List;
import org.chatapp.redis.stream.StreamHandler;
import org.chatapp.redis.stream.StreamWorker;
import org.chatapp.redis.stream.StreamWorkerOptions;
import org.chatapp.redis.stream.StreamWorkerStats;

/**
 * Starts {@link StreamWorker}s on the default Redis client with the {@code chatapp.redis.stream.*}
 * defaults, keeps their counts for the meters, and closes those still running when the application
 * context closes, before the Redis client. Thread-safe.
 *
 * <pre>{@code
 * @Bean
 * StreamWorker messageWorker(StreamWorkers workers, MessageHandler handler) {
 *     return workers.start("{room-events}:stream", "notifier", handler);
 * }
 * }</pre>
 *
 * <p>A worker made as a bean like this is closed as a bean; one started elsewhere is closed by
 * {@link #close()} at the latest.
 */
public interface StreamWorkers extends AutoCloseable {

    /**
     * Returns a builder for a worker of {@code group} on {@code stream} with the configured defaults,
     * for a worker whose options differ from them: {@code start(workers.options(s, g).concurrency(4).build(), handler)}.
     */
    StreamWorkerOptions.Builder options(String stream, String group);

    /**
     * Starts a worker of {@code group} on {@code stream} with the configured defaults.
     *
     * @throws IllegalArgumentException naming the argument when the stream or group is empty or the handler is null
     * @throws IllegalStateException when a worker of this group on this stream runs already under the
     *     configured consumer name, or after {@link #close()}
     */
    StreamWorker start(String stream, String group, StreamHandler handler);

    /**
     * Starts a worker with its own options.
     *
     * @throws IllegalArgumentException when the options or the handler is null
     * @throws IllegalStateException when a worker of the same group on the same stream runs already
     *     under the same consumer name, or after {@link #close()}
     */
    StreamWorker start(StreamWorkerOptions options, StreamHandler handler);

    /** Returns the workers started here that have not been closed. */
    List<StreamWorker> running();

    /**
     * Returns what the workers of {@code group} on {@code stream} started here have done, those
     * closed included; zeros when none was started.
     */
    StreamWorkerStats stats(String stream, String group);

    /** Closes every worker started here that is still running; no worker can be started afterwards. */
    @Override
    void close();
}
