package org.chatapp.redis.events;

/**
 * Handles the events of one subscription, one at a time and in the order they arrived, on a
 * handler thread of the bus (never on a Redis event loop, so it may block and call Redis).
 *
 * @param <T> the type the events are read as
 */
@FunctionalInterface
public interface EventHandler<T> {

    /**
     * Handles one event. What it throws is logged and counted ({@link EventStats#handlerFailures()});
     * the subscription carries on with the next event.
     *
     * @param channel the channel the event was published to, without any prefix
     * @param event the event read from its JSON
     */
    void handle(String channel, T event) throws Exception;
}
