package org.chatapp.redis.events;

import java.util.concurrent.CompletionStage;
import org.chatapp.redis.RedisService;

/**
 * Publishes and subscribes typed events as JSON over Redis pub/sub, under a channel prefix: sharded
 * on a Redis 7 cluster, classic elsewhere ({@link EventOptions.Sharding}). Subscriptions come back by
 * themselves after a reconnect, a failover or a restart. Handlers run on a bounded pool of the bus's
 * own threads, each subscription's events one at a time and in order; a slow or failing handler
 * holds up only its own subscription. Delivery is at most once: see the package documentation.
 *
 * <pre>{@code
 * try (RedisEvents events = RedisEvents.create(redis)) {
 *     events.subscribe("room:{42}", MessageCreated.class, (channel, message) -> push(message));
 *     events.publish("room:{42}", new MessageCreated(42, "hello"));
 * }
 * }</pre>
 *
 * <p>Thread-safe. One bus holds one pub/sub connection (per node holding its channels, in a cluster)
 * and {@link EventOptions#handlerThreads()} threads: create one per service and share it.
 */
public interface RedisEvents extends AutoCloseable {

    /**
     * Creates a bus with the default options on a service, which it does not close. Returns at once;
     * subscriptions made while Redis is unreachable are made once it is.
     *
     * @throws IllegalArgumentException when the service is null
     * @throws IllegalStateException when Jackson 3 ({@code tools.jackson.core:jackson-databind}) is not on the class path
     */
    static RedisEvents create(RedisService redis) {
        return create(redis, EventOptions.defaults());
    }

    /**
     * Creates a bus with the given options on a service, which it does not close.
     *
     * @throws IllegalArgumentException when the service or the options are null
     * @throws IllegalStateException when Jackson 3 ({@code tools.jackson.core:jackson-databind}) is not on the class path
     */
    static RedisEvents create(RedisService redis, EventOptions options) {
        return DefaultRedisEvents.create(redis, options);
    }

    /**
     * Returns a fragment with its glob characters ({@code * ? [ ] \}) escaped, so that it matches
     * itself only inside a pattern: {@code subscribePattern("room:" + RedisEvents.escape(userInput) + ":*", ...)}.
     * Anything from user input that goes into a pattern must pass through it.
     *
     * @throws IllegalArgumentException when the fragment is null
     */
    static String escape(String fragment) {
        return ChannelNames.escape(fragment);
    }

    /**
     * Publishes an event as JSON to a channel and waits until Redis took it. Sent at most once: when
     * the connection is lost after sending, it fails with {@link
     * org.chatapp.redis.RedisOutcomeUnknownException} (the subscribers may or may not have it).
     * Subscribers that are not connected at that moment never get it.
     *
     * @throws IllegalArgumentException when the channel is null, empty or holds a glob character, the
     *         event is null or not writable as JSON, or its JSON is longer than
     *         {@link EventOptions#maxPayloadBytes()}
     * @throws IllegalStateException when the bus is closed, or on a Redis event-loop thread
     * @throws org.chatapp.redis.RedisServiceException when Redis fails, as {@link RedisService} documents
     */
    void publish(String channel, Object event);

    /**
     * Publishes like {@link #publish} without blocking; bad input throws at once, Redis failures fail the stage.
     *
     * @throws IllegalArgumentException as {@link #publish} does
     * @throws IllegalStateException when the bus is closed
     */
    CompletionStage<Void> publishAsync(String channel, Object event);

    /**
     * Subscribes a handler to the events of one channel, read as {@code type}. An event whose JSON is
     * not a {@code type} is logged, counted ({@link EventStats#undecodable()}) and dropped. Several
     * handlers may subscribe to one channel; each gets every event.
     *
     * @throws IllegalArgumentException when the channel is null, empty or holds a glob character, or
     *         the type or handler is null
     * @throws IllegalStateException when the bus is closed
     */
    <T> EventSubscription subscribe(String channel, Class<T> type, EventHandler<? super T> handler);

    /**
     * Subscribes a handler to the events of every channel matching a glob pattern (classic pub/sub
     * only). The pattern is the caller's: wrap any part that comes from user input in {@link #escape}.
     *
     * @throws IllegalArgumentException when the pattern is null, empty, ends in a lone backslash or
     *         leaves a {@code [} open, or the type or handler is null
     * @throws IllegalStateException when the bus is closed, or publishes sharded: {@link
     *         EventOptions.Sharding#SHARDED}, or {@link EventOptions.Sharding#AUTO} on a cluster
     */
    <T> EventSubscription subscribePattern(String pattern, Class<T> type, EventHandler<? super T> handler);

    /**
     * Returns whether this bus publishes and subscribes sharded; completes once known (with {@link
     * EventOptions.Sharding#AUTO} on a cluster, once a node told its version).
     */
    CompletionStage<Boolean> sharded();

    /** Returns what the bus did so far. */
    EventStats stats();

    /**
     * Ends every subscription, closes the pub/sub connection and stops the handler threads, letting a
     * running handler finish for up to a second; calling it again does nothing. The service stays open.
     */
    @Override
    void close();
}
