package org.chatapp.redis.presence;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.chatapp.redis.RedisService;

/**
 * Who is online, when they were last seen, and who is typing. Each connection (a device, a tab)
 * sends heartbeats; a user is online while any of their connections had one within the connection
 * TTL, so a user with a phone and a laptop stays online while either is. Last-seen is the latest
 * heartbeat or disconnect, kept for the last-seen retention. Typing indicators last a few seconds
 * and are announced to a {@link TypingListener}.
 *
 * <p>Time comes from the service's {@link RedisService#clock() clock}: expiry is decided by it, not
 * by the Redis server's clock, so the application servers' clocks should agree within a fraction of
 * the connection TTL. Reads go to the master. Every method throws {@link IllegalArgumentException}
 * for bad input, naming the argument, and {@link org.chatapp.redis.RedisServiceException} when Redis
 * fails. Thread-safe.
 */
public interface Presence {

    /** The longest user, connection or conversation id accepted, in characters. */
    int MAX_ID_LENGTH = 256;

    /** The most users one {@link #presence(Collection)} call may ask about. */
    int MAX_USERS_PER_QUERY = 10_000;

    /** Returns presence with the {@link PresenceOptions#defaults() default options} and no typing listener. */
    static Presence of(RedisService redis) {
        return of(redis, PresenceOptions.defaults(), TypingListener.NONE);
    }

    /**
     * Returns presence on the service.
     *
     * @throws IllegalArgumentException when an argument is null
     */
    static Presence of(RedisService redis, PresenceOptions options, TypingListener typingListener) {
        return new DefaultPresence(redis, options, typingListener);
    }

    /**
     * Records a heartbeat of one of a user's connections: the connection is live for the connection
     * TTL from now, and the user's last-seen time is now. Returns true when this brought the user
     * online (no connection of theirs was live), so the caller can announce it.
     *
     * @throws IllegalArgumentException when an id is null, empty or longer than {@value #MAX_ID_LENGTH}
     */
    boolean heartbeat(String userId, String connectionId);

    /**
     * Records that a connection closed: it is no longer live, and the user's last-seen time is now.
     * Returns true when this took the user offline (it was their last live connection).
     *
     * @throws IllegalArgumentException when an id is null, empty or too long
     */
    boolean disconnect(String userId, String connectionId);

    /**
     * Returns one user's presence.
     *
     * @throws IllegalArgumentException when the id is null, empty or too long
     */
    UserPresence presence(String userId);

    /**
     * Returns the presence of many users, in the order asked (a user asked twice appears once): one
     * plain read per user, all sent at once (one write per cluster master, the masters in parallel;
     * on a single server, one round trip), read from the masters.
     *
     * @throws IllegalArgumentException when the collection or an id in it is null, an id is empty or too long,
     *     or more than {@value #MAX_USERS_PER_QUERY} users are asked about
     */
    Map<String, UserPresence> presence(Collection<String> userIds);

    /**
     * Returns the presence of many users without blocking, like {@link #presence(Collection)}; the
     * stage fails with {@link IllegalArgumentException} for bad input.
     */
    CompletionStage<Map<String, UserPresence>> presenceAsync(Collection<String> userIds);

    /**
     * Records that a user is typing in a conversation, for the typing TTL from now; tells the
     * listener when they were not typing already. Call it again while they keep typing.
     *
     * @throws IllegalArgumentException when an id is null, empty or too long
     */
    void typing(String conversationId, String userId);

    /**
     * Records that a user stopped typing (sent the message, cleared the field); tells the listener
     * when they were typing.
     *
     * @throws IllegalArgumentException when an id is null, empty or too long
     */
    void stoppedTyping(String conversationId, String userId);

    /**
     * Returns the users typing in a conversation now, the one whose indicator lapses first first.
     *
     * @throws IllegalArgumentException when the id is null, empty or too long
     */
    List<String> typingIn(String conversationId);

    /** Returns the options presence was created with. */
    PresenceOptions options();
}
