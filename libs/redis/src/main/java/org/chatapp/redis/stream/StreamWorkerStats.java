package org.chatapp.redis.stream;

/**
 * What a {@link StreamWorker} has done since it started; a snapshot, counted in this process only.
 *
 * @param delivered entries handed to the handler (every delivery counts, redeliveries included)
 * @param acked entries acknowledged after their handler returned
 * @param failed deliveries whose handler threw, leaving the entry pending
 * @param retried deliveries of an entry the group had delivered before ({@code deliveryCount > 1})
 * @param claimed entries taken over from the pending list ({@code XAUTOCLAIM}): of a consumer that
 *        died or stalls, or failed ones of any consumer, this one included
 * @param recovered entries read back from this consumer's own pending list: after a restart under
 *        the same consumer name, or after a read whose reply was lost
 * @param deadLettered entries moved to the dead-letter stream by this worker
 * @param deletedBeforeHandled pending entries found deleted from the stream (trimmed) before they
 *        were handled; acknowledged, since there is nothing left to handle
 * @param readFailures reads, claims and group creations that failed (Redis unreachable, a failover)
 */
public record StreamWorkerStats(long delivered, long acked, long failed, long retried, long claimed, long recovered,
        long deadLettered, long deletedBeforeHandled, long readFailures) {
}
