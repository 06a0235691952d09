package org.chatapp.redis.spring.session;

import org.chatapp.redis.RedisService;
import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.session.SessionStore;
import org.chatapp.redis.session.SessionStoreOptions;

/** Stores on one client with one set of options. */
final class DefaultSessionStores implements SessionStores {

    private final RedisService redis;
    private final SessionStoreOptions options;

    DefaultSessionStores(RedisService redis, SessionStoreOptions options) {
        this.redis = redis;
        this.options = options;
    }

    @Override
    public <T> SessionStore<T> create(ValueCodec<T> codec) {
        if (codec == null) {
            throw new IllegalArgumentException("codec must not be null");
        }
        return SessionStore.of(redis, codec, options);
    }

    @Override
    public SessionStoreOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "SessionStores[" + options + "]";
    }
}
