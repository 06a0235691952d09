/**
 * Consumer-group workers over Redis Streams ({@link org.chatapp.redis.stream.StreamWorker}): a
 * stream per key (a room, a shard), read in batches on a connection of the worker's own, handlers
 * on the worker's threads, {@code XACK} after the handler returns, entries of dead consumers
 * claimed with {@code XAUTOCLAIM}, a worker's own pending list read back when it restarts, and a
 * dead-letter stream for entries delivered too often.
 *
 * <p><b>Guarantee.</b> At least once: an entry added to the stream is handled, or moved to the
 * dead-letter stream, unless it is trimmed away first or lost on a failover (below). It may be
 * handled more than once: a handler that fails, a worker that dies or stalls past {@code
 * claimMinIdle} after starting it, or an {@code XACK} that does not arrive, all lead to another
 * delivery. The bound: a handler gets one entry id at most {@code maxDeliveries} times (Redis counts
 * the deliveries across consumers and restarts, and the worker moves an entry whose count is beyond
 * the limit to the dead-letter stream instead of handling it), plus once for each failover that
 * loses the latest count or acknowledgement. {@link org.chatapp.redis.stream.StreamDelivery#dedupeKey()}
 * names the entry (its id, or a producer's field such as an event id, which also catches a
 * producer's retry of an {@code XADD} whose outcome was unknown, a new entry with a new id), so a
 * handler can drop what it has seen. The move to the dead-letter stream is one script (add and
 * acknowledge together) when both streams are on one node.
 *
 * <p><b>On a failover.</b> While a master is down, reads, claims and acknowledgements fail with the
 * service's exceptions; the worker counts them ({@code readFailures}), retries with a doubling
 * backoff (from {@code retryBackoff} to {@code maxRetryBackoff}), reads its own pending list first
 * once a replica has taken over (a read whose reply was lost may have delivered entries to it), and
 * creates the group again when the new master does not know it. Handlers whose acknowledgement
 * fails leave their entry pending, delivered again later. Replication is asynchronous: entries a
 * producer added and acknowledgements the worker made that had not reached the replica when it was
 * promoted are lost with the old master (the entries are never handled; the acknowledged entries
 * are delivered again). This library offers no replica acknowledgement ({@code WAIT}) for stream
 * writes, so a producer that must not lose entries keeps them until it has seen them handled.
 */
package org.chatapp.redis.stream;
