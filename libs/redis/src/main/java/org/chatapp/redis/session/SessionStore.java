package org.chatapp.redis.session;

import java.util.List;
import java.util.Optional;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.ValueCodec;

/**
 * Keeps user sessions in Redis: created with a random id, read, kept alive by touching (a sliding
 * TTL, one hour by default), deleted one by one or all of a user's at once, with an optional AES-GCM
 * encryption of the payload (see {@link SessionKeyring}). Each user has an index of their sessions,
 * a sorted set scored by expiry that is pruned on every write and expires with its last session, so
 * it never grows with sessions that ended.
 *
 * <p>Expiry is decided by the service's {@link RedisService#clock() clock}: a session whose
 * {@link Session#expiresAt()} has passed is not found, and Redis deletes its key at about that time
 * by a TTL of its own. Reads go to the master, so a deleted session is not found by the next read.
 *
 * <p>Session ids are bearer credentials: they never appear in a {@code toString}, a log line or an
 * exception message of this package. Every method throws {@link IllegalArgumentException} for bad
 * input, naming the argument, and {@link org.chatapp.redis.RedisServiceException} when Redis fails.
 * Thread-safe.
 *
 * @param <T> the payload's type
 */
public interface SessionStore<T> {

    /** The longest user id accepted, in characters. */
    int MAX_USER_ID_LENGTH = 256;

    /** The longest text {@link #get(String)} and the other by-id methods look at; longer is rejected as bad input. */
    int MAX_SESSION_ID_LENGTH = 256;

    /** Returns a store with the {@link SessionStoreOptions#defaults() default options} on the service. */
    static <T> SessionStore<T> of(RedisService redis, ValueCodec<T> codec) {
        return of(redis, codec, SessionStoreOptions.defaults());
    }

    /**
     * Returns a store on the service, with its payloads turned into bytes by the codec.
     *
     * @throws IllegalArgumentException when an argument is null
     */
    static <T> SessionStore<T> of(RedisService redis, ValueCodec<T> codec, SessionStoreOptions options) {
        return new DefaultSessionStore<>(redis, codec, options);
    }

    /**
     * Creates a session for a user and returns it, with its new id.
     *
     * @throws IllegalArgumentException when the user id is null, empty or longer than {@value #MAX_USER_ID_LENGTH}
     *     characters, or the payload is null or larger than the options allow once encoded
     */
    Session<T> create(String userId, T payload);

    /**
     * Returns the session with this id, empty when there is none or it has expired; an id this store
     * never issued (a forged cookie) is not found either.
     *
     * @throws IllegalArgumentException when the id is null, empty or longer than {@value #MAX_SESSION_ID_LENGTH}
     * @throws SessionPayloadException when the stored payload was tampered with or cannot be decrypted
     * @throws org.chatapp.redis.ValueCodecException when the payload is not a value of the codec's type
     */
    Optional<Session<T>> get(String sessionId);

    /**
     * Extends a session's life to the store's TTL from now; returns false when there is no such
     * session (an expired one is not revived).
     *
     * @throws IllegalArgumentException when the id is null, empty or too long
     */
    boolean touch(String sessionId);

    /**
     * Replaces a session's payload (encrypted with the keyring's current key) and extends its life
     * like {@link #touch(String)}; returns false when there is no such session.
     *
     * @throws IllegalArgumentException when the id is null, empty or too long, or the payload is null or too large
     */
    boolean update(String sessionId, T payload);

    /**
     * Deletes a session; returns whether it existed.
     *
     * @throws IllegalArgumentException when the id is null, empty or too long
     */
    boolean delete(String sessionId);

    /**
     * Deletes every session of a user (log out everywhere), atomically per round; returns how many
     * existed. A session created while this runs is deleted too, unless new ones keep arriving for
     * longer than ten rounds.
     *
     * @throws IllegalArgumentException when the user id is null, empty or too long
     */
    long deleteAll(String userId);

    /**
     * Returns the ids of a user's live sessions, the one expiring first first. They are credentials:
     * hand them only to that user.
     *
     * @throws IllegalArgumentException when the user id is null, empty or too long
     */
    List<String> sessionIds(String userId);

    /** Returns the options the store was created with. */
    SessionStoreOptions options();
}
