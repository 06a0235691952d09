/**
 * Auto-configuration of the stream workers ({@code org.chatapp.redis.stream}): a {@link
 * org.chatapp.redis.spring.stream.StreamWorkers} bean that starts workers with the
 * {@code chatapp.redis.stream.*} defaults and closes them before the Redis client. The workers keep
 * the library's guarantee: at least once, each entry handled or moved to the dead-letter stream,
 * possibly more than once (up to max-deliveries, plus once per failover that loses an
 * acknowledgement). On a failover their reads fail and are retried with backoff
 * (chatapp.redis.stream.read-failures counts them) until a replica is promoted; entries and
 * acknowledgements the old master had not replicated are lost or delivered again.
 */
package org.chatapp.redis.spring.stream;
