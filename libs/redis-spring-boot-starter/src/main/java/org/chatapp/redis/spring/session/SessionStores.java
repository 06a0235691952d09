package org.chatapp.redis.spring.session;

import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.session.SessionStore;
import org.chatapp.redis.session.SessionStoreOptions;

/**
 * Makes {@link SessionStore}s on the default Redis client with the {@code chatapp.redis.session.*}
 * options (namespace, TTL, payload limit, encryption keys), for payloads of any type: the starter's
 * own {@code SessionStore<String>} bean is one, and a store of another type is one line.
 *
 * <pre>{@code
 * @Bean
 * SessionStore<UserSession> sessionStore(SessionStores stores) {
 *     return stores.create(ValueCodec.json(UserSession.class));
 * }
 * }</pre>
 *
 * <p>A {@code SessionStore} bean of the application replaces the starter's. Stores hold nothing to
 * close. Thread-safe.
 */
public interface SessionStores {

    /**
     * Returns a store whose payloads the codec turns into bytes.
     *
     * @throws IllegalArgumentException when the codec is null
     */
    <T> SessionStore<T> create(ValueCodec<T> codec);

    /** Returns the options every store made here has; its keyring names its keys, never their bytes. */
    SessionStoreOptions options();
}
