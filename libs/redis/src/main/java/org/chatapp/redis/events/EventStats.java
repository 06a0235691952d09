package org.chatapp.redis.events;

/**
 * What a {@link RedisEvents} bus did since it was created; a snapshot, counted in this process only.
 *
 * @param delivered events whose handler returned normally
 * @param handlerFailures events whose handler threw
 * @param droppedOnOverflow events dropped because their subscription's queue was full
 *        ({@link EventOptions#queueCapacity()}) while its handler was busy
 * @param undecodable events whose JSON is not the subscription's type, dropped
 * @param resubscriptions channels and patterns subscribed to again after a reconnect, a failover or a
 *        restart (each one counts once per recovery)
 */
public record EventStats(long delivered, long handlerFailures, long droppedOnOverflow, long undecodable, long resubscriptions) {
}
