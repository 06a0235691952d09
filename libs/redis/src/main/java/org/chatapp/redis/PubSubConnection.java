package org.chatapp.redis;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * A pub/sub connection of its own that keeps its subscriptions in place: classic channels and
 * patterns (SUBSCRIBE, PSUBSCRIBE) and, on Redis 7, shard channels (SSUBSCRIBE), in every topology,
 * with the service's credentials, TLS, client name and reconnect policy. Get one from {@link
 * RedisConnections#pubSub(PubSubListener)}; messages go to that listener.
 *
 * <p>Channels and patterns are the caller's names: the service's key prefix is put before them (so
 * services with different prefixes never hear each other, and shard channels with one hash tag
 * share a cluster slot) and taken off again on delivery. In a pattern, the prefix's own glob
 * characters are escaped; the caller's part is a glob as written.
 *
 * <p>What it keeps: every name subscribed and not unsubscribed. After a reconnect, after a
 * failover (a shard channel whose slot moved to a promoted replica included), after a server
 * restart and after Redis itself ends a subscription (its slot moved), it subscribes again until
 * Redis confirms, logs when lost subscriptions are all back, and tells the listener of each ({@link
 * PubSubListener#resubscribed}). In a cluster, classic channels and patterns live on one node of
 * the cluster (any node hears every classic message), each shard channel on the master serving its
 * slot.
 *
 * <p>Delivery is at most once: a message published while a subscription is lost, or while the
 * subscriber is slow enough for Redis to drop it ({@code client-output-buffer-limit pubsub}), is
 * gone. Publishing goes through an ordinary connection of its own, opened on the first publish, so
 * it is never held up behind incoming messages; a publish whose reply a lost connection cut off
 * fails with {@link RedisOutcomeUnknownException} and is never sent twice.
 *
 * <p>Thread-safe. Closing it (or the service) ends its subscriptions and closes its connections.
 */
public interface PubSubConnection extends AutoCloseable {

    /** The three kinds of subscription Redis has, each a name space of its own. */
    enum Kind {
        /** A channel: SUBSCRIBE, PUBLISH. */
        CHANNEL("channel", "SUBSCRIBE", "UNSUBSCRIBE"),
        /** A glob pattern over classic channels: PSUBSCRIBE. */
        PATTERN("pattern", "PSUBSCRIBE", "PUNSUBSCRIBE"),
        /** A shard channel (Redis 7): SSUBSCRIBE, SPUBLISH; in a cluster it lives on the master of its slot. */
        SHARD_CHANNEL("shard channel", "SSUBSCRIBE", "SUNSUBSCRIBE");

        private final String label;
        private final String subscribeCommand;
        private final String unsubscribeCommand;

        Kind(String label, String subscribeCommand, String unsubscribeCommand) {
            this.label = label;
            this.subscribeCommand = subscribeCommand;
            this.unsubscribeCommand = unsubscribeCommand;
        }

        /** Returns the words used in messages, such as {@code shard channel}. */
        public String label() {
            return label;
        }

        /** Returns the Redis command that subscribes, such as {@code SSUBSCRIBE}. */
        public String subscribeCommand() {
            return subscribeCommand;
        }

        /** Returns the Redis command that unsubscribes, such as {@code SUNSUBSCRIBE}. */
        public String unsubscribeCommand() {
            return unsubscribeCommand;
        }
    }

    /**
     * Subscribes to channels (SUBSCRIBE) and keeps the subscriptions; completes once Redis confirmed
     * each. While Redis is unreachable the stage stays incomplete and the subscription is made when it
     * is back. Fails only when Redis refuses the command for good ({@link RedisCommandException},
     * such as {@code NOPERM}), and the names it refused are then no longer kept.
     *
     * @throws IllegalArgumentException when no channel is given, or one is null or empty
     * @throws IllegalStateException when the connection is closed
     */
    CompletionStage<Void> subscribe(String... channels);

    /**
     * Subscribes to glob patterns (PSUBSCRIBE), as {@link #subscribe} does to channels. A fragment
     * that comes from user input must have its glob characters escaped first.
     *
     * @throws IllegalArgumentException when no pattern is given, or one is null or empty
     * @throws IllegalStateException when the connection is closed
     */
    CompletionStage<Void> psubscribe(String... patterns);

    /**
     * Subscribes to shard channels (SSUBSCRIBE, Redis 7 or later), as {@link #subscribe} does to
     * channels. In a cluster each goes to the master serving its slot, and follows the slot there.
     * On an older server it fails with {@link RedisCommandException} (see {@link #supportsSharded()}).
     *
     * @throws IllegalArgumentException when no shard channel is given, or one is null or empty
     * @throws IllegalStateException when the connection is closed
     */
    CompletionStage<Void> ssubscribe(String... shardChannels);

    /**
     * Ends subscriptions to channels; completes once Redis answered, or at once where the connection
     * they were on is down (messages that still come for them are not delivered).
     *
     * @throws IllegalArgumentException when no channel is given, or one is null or empty
     */
    CompletionStage<Void> unsubscribe(String... channels);

    /**
     * Ends subscriptions to patterns, as {@link #unsubscribe} does for channels.
     *
     * @throws IllegalArgumentException when no pattern is given, or one is null or empty
     */
    CompletionStage<Void> punsubscribe(String... patterns);

    /**
     * Ends subscriptions to shard channels, as {@link #unsubscribe} does for channels.
     *
     * @throws IllegalArgumentException when no shard channel is given, or one is null or empty
     */
    CompletionStage<Void> sunsubscribe(String... shardChannels);

    /** Returns the names of the kind this connection keeps subscribed (confirmed or not yet), without the prefix. */
    Set<String> subscriptions(Kind kind);

    /**
     * Publishes a message to a channel (PUBLISH) and returns how many subscribers the node that took
     * it counted (in a cluster, only that node's own; subscribers on other nodes get it too, uncounted).
     *
     * @throws IllegalArgumentException when the channel is null or empty, or the message is null
     * @throws IllegalStateException when the connection is closed, or on an event-loop thread
     * @throws RedisServiceException when Redis fails, as {@link RedisService} documents
     */
    long publish(String channel, byte[] message);

    /** Publishes like {@link #publish} without blocking; the stage fails with what that method throws. */
    CompletionStage<Long> publishAsync(String channel, byte[] message);

    /**
     * Publishes a message to a shard channel (SPUBLISH, Redis 7), on the master serving its slot in a
     * cluster, and returns how many subscribers of that shard it reached.
     *
     * @throws IllegalArgumentException when the shard channel is null or empty, or the message is null
     * @throws IllegalStateException when the connection is closed, or on an event-loop thread
     * @throws RedisServiceException when Redis fails, as {@link RedisService} documents
     */
    long spublish(String shardChannel, byte[] message);

    /** Publishes like {@link #spublish} without blocking; the stage fails with what that method throws. */
    CompletionStage<Long> spublishAsync(String shardChannel, byte[] message);

    /**
     * Returns whether the server has sharded pub/sub (Redis 7 or later), read once from {@code INFO
     * server} (in a cluster, on one node). Completes once a node answered: while none can be reached,
     * the question is asked again as the reconnect policy allows. Fails only when the connection closes.
     */
    CompletionStage<Boolean> supportsSharded();

    /** Ends every subscription and closes the connections; calling it again does nothing. */
    @Override
    void close();
}
