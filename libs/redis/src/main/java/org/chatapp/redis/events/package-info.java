/**
 * Typed events over Redis pub/sub ({@link org.chatapp.redis.events.RedisEvents}): JSON under a
 * channel prefix, sharded (SPUBLISH/SSUBSCRIBE) on a Redis 7 cluster and classic elsewhere, pattern
 * subscriptions on classic buses, handlers on a bounded pool of the bus's own threads.
 *
 * <p><b>Guarantee.</b> At most once, as Redis pub/sub itself: an event reaches the subscribers
 * connected when it is published, once each, and nobody else; nothing is stored. A publish is never
 * sent twice (one whose reply a lost connection cut off fails with {@code
 * RedisOutcomeUnknownException}: its event may or may not have gone out). An event is lost when no
 * subscription is in place at that moment, when its subscription's queue is full ({@link
 * org.chatapp.redis.events.EventStats#droppedOnOverflow()}), when its JSON is not the handler's type
 * ({@link org.chatapp.redis.events.EventStats#undecodable()}), or when Redis disconnects a
 * subscriber that reads too slowly ({@code client-output-buffer-limit pubsub}). Use streams
 * ({@code org.chatapp.redis.stream}) for events that must not be lost.
 *
 * <p><b>On a failover.</b> Subscriptions come back by themselves: after a reconnect, after a
 * replica is promoted (a shard channel follows its slot to the new master; a classic subscription
 * moves to another node when its node is gone), after Redis ends a shard subscription because its
 * slot moved, and after a whole restart. Each comes back with a line in the log when all are in
 * place again and a count in {@link org.chatapp.redis.events.EventStats#resubscriptions()}. Events
 * published between the loss and the resubscription are not delivered; publishes meanwhile fail
 * with the service's exceptions ({@code RedisConnectionFailureException} while no master serves the
 * channel's slot). Measured on a local cluster with a 2 s node timeout: delivery resumed 3.5 to 4.6 s
 * after a master was killed, within 0.7 s of the replica's promotion; 0.2 s after a manual failover;
 * 0.1 s after a single server restarted.
 */
package org.chatapp.redis.events;
