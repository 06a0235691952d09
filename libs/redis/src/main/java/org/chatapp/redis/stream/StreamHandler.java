package org.chatapp.redis.stream;

/**
 * Handles one entry of a stream for a {@link StreamWorker}, on a thread of the worker (never an
 * event loop, so it may block). Returning acknowledges the entry; throwing leaves it pending, to be
 * delivered again, or moved to the dead-letter stream once it has been delivered {@link
 * StreamWorkerOptions#maxDeliveries()} times. The same entry may be handed over more than once
 * (see {@link StreamDelivery#dedupeKey()}), so a handler must be idempotent or drop duplicates.
 */
@FunctionalInterface
public interface StreamHandler {

    /**
     * Handles an entry; returns normally once its effects are done.
     *
     * @throws Exception to leave the entry pending for another delivery
     */
    void handle(StreamDelivery delivery) throws Exception;
}
