package org.chatapp.redis.stream;

import org.chatapp.redis.RedisService;

/**
 * Consumes a stream as one consumer of a group, at least once: reads batches on a connection of its
 * own ({@code XREADGROUP ... BLOCK}), hands each entry to a {@link StreamHandler} on a thread of the
 * worker, acknowledges it ({@code XACK}) once the handler returned, and leaves it pending when the
 * handler threw. Pending entries are not forgotten: at start and after a failed read the worker
 * reads back its own pending list; every {@link StreamWorkerOptions#claimInterval()} it takes over
 * entries pending longer than {@link StreamWorkerOptions#claimMinIdle()} with any consumer
 * ({@code XAUTOCLAIM}), which retries failed entries and rescues those of a consumer that died.
 * An entry is delivered at most {@link StreamWorkerOptions#maxDeliveries()} times: one whose count
 * is beyond it, or whose last delivery failed, is moved to the dead-letter stream.
 *
 * <p>Dead letters: the entry's fields and {@link #DEAD_LETTER_ID}, {@link #DEAD_LETTER_STREAM},
 * {@link #DEAD_LETTER_GROUP}, {@link #DEAD_LETTER_CONSUMER}, {@link #DEAD_LETTER_DELIVERIES} and
 * {@link #DEAD_LETTER_REASON} (an original field of one of these names is dropped) are added to the
 * dead-letter stream and the entry is acknowledged in one script, so a crash leaves it in exactly
 * one place; the script does nothing when another consumer has taken the entry over meanwhile. In a
 * cluster, when the two streams do not share a hash slot (no common hash tag), it is two commands,
 * the add first: a crash between them leaves the entry pending too, so it is dead-lettered again
 * and appears twice in the dead-letter stream (with the same {@link #DEAD_LETTER_ID}), never lost.
 *
 * <p>Thread-safe. {@link #close()} it when done; closing the service first makes the worker's
 * reads fail until it is closed.
 */
public interface StreamWorker extends AutoCloseable {

    /** Field of a dead letter holding the original entry's id. */
    String DEAD_LETTER_ID = "dead-letter.id";
    /** Field of a dead letter holding the original stream's key (without the service's prefix). */
    String DEAD_LETTER_STREAM = "dead-letter.stream";
    /** Field of a dead letter holding the group that gave up on it. */
    String DEAD_LETTER_GROUP = "dead-letter.group";
    /** Field of a dead letter holding the consumer that moved it. */
    String DEAD_LETTER_CONSUMER = "dead-letter.consumer";
    /** Field of a dead letter holding how many times it was delivered. */
    String DEAD_LETTER_DELIVERIES = "dead-letter.deliveries";
    /**
     * Field of a dead letter saying why: the class of the exception the last handler threw, or
     * {@code max-deliveries} when it was delivered too often without an acknowledgement (as when
     * its handler keeps crashing the process). Never an exception's message, which may hold data.
     */
    String DEAD_LETTER_REASON = "dead-letter.reason";

    /**
     * Starts a worker: it creates the group (and the stream) when missing, then reads until closed.
     * It does not fail when Redis is unreachable: reads are retried with backoff.
     *
     * @throws IllegalArgumentException when redis, options or handler is null
     */
    static StreamWorker start(RedisService redis, StreamWorkerOptions options, StreamHandler handler) {
        if (redis == null || options == null || handler == null) {
            throw new IllegalArgumentException((redis == null ? "redis" : options == null ? "options" : "handler")
                    + " must not be null");
        }
        return DefaultStreamWorker.start(redis, options, handler, System::nanoTime);
    }

    /** Returns the options the worker runs with, its consumer name included. */
    StreamWorkerOptions options();

    /** Returns what the worker has done so far. */
    StreamWorkerStats stats();

    /** Returns whether the worker is reading (it has not been closed). */
    boolean isRunning();

    /**
     * Stops reading, lets handlers in flight finish for up to {@link
     * StreamWorkerOptions#shutdownTimeout()}, then interrupts them; calling it again does nothing.
     * Entries not acknowledged stay pending for this consumer name: a worker started again under it
     * resumes them at once, any other takes them over after {@link StreamWorkerOptions#claimMinIdle()}.
     */
    @Override
    void close();
}
