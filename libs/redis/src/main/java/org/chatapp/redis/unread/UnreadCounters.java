package org.chatapp.redis.unread;

import java.util.Collection;
import java.util.Map;
import org.chatapp.redis.RedisService;

/**
 * Unread message counts per user and conversation: raised for the recipients of a new message,
 * lowered or cleared when a user reads, never below zero, and read for all of a user's conversations
 * in one call. A user's counters are one hash, kept for the retention after its last change.
 *
 * <p>Every method throws {@link IllegalArgumentException} for bad input, naming the argument, and
 * {@link org.chatapp.redis.RedisServiceException} when Redis fails. Reads follow the service's
 * {@link org.chatapp.redis.RedisOptions#readFrom() readFrom}. Thread-safe.
 */
public interface UnreadCounters {

    /** The longest user or conversation id accepted, in characters. */
    int MAX_ID_LENGTH = 256;

    /** The most recipients one {@link #increment(String, Collection)} call accepts. */
    int MAX_RECIPIENTS = 10_000;

    /** Returns counters with the {@link UnreadOptions#defaults() default options}. */
    static UnreadCounters of(RedisService redis) {
        return of(redis, UnreadOptions.defaults());
    }

    /**
     * Returns counters on the service.
     *
     * @throws IllegalArgumentException when an argument is null
     */
    static UnreadCounters of(RedisService redis, UnreadOptions options) {
        return new DefaultUnreadCounters(redis, options);
    }

    /**
     * Adds one to the conversation's count of each recipient (a recipient named twice counts once)
     * and refreshes their counters' retention: two plain commands per recipient, all sent at once
     * (one write per cluster master). Each count changes atomically; the retention is refreshed by
     * the next command of the same write, so a connection lost between the two leaves that user's
     * counters their previous retention until their next change. Leave the sender out.
     *
     * @throws IllegalArgumentException when an id is null, empty or too long, or there are more than
     *     {@value #MAX_RECIPIENTS} recipients
     * @throws UnreadPartialIncrementException when the recipients span several slots and some of
     *     those increments failed, naming who was counted, who was not and whose count is unknown
     */
    void increment(String conversationId, Collection<String> recipientIds);

    /**
     * Subtracts {@code count} from a user's count for a conversation, stopping at zero, atomically;
     * returns the new count.
     *
     * @throws IllegalArgumentException when an id is null, empty or too long, or count is below 1
     */
    long decrement(String userId, String conversationId, long count);

    /**
     * Clears a user's count for a conversation (they read it all).
     *
     * @throws IllegalArgumentException when an id is null, empty or too long
     */
    void markRead(String userId, String conversationId);

    /**
     * Returns a user's count for a conversation; 0 when there is none.
     *
     * @throws IllegalArgumentException when an id is null, empty or too long
     */
    long count(String userId, String conversationId);

    /**
     * Returns a user's counts for every conversation with unread messages, in one round trip.
     *
     * @throws IllegalArgumentException when the id is null, empty or too long
     */
    Map<String, Long> counts(String userId);

    /** Returns the options the counters were created with. */
    UnreadOptions options();
}
