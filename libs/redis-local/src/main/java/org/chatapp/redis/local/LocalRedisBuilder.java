package org.chatapp.redis.local;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings every local setup shares: the binary, credentials, extra {@code redis.conf} lines
 * and the startup deadline. The standalone, cluster and sentinel builders add their own.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract class LocalRedisBuilder<B extends LocalRedisBuilder<B>> {

    final SetupOptions options = new SetupOptions();

    LocalRedisBuilder() {
    }

    /** Checks a duration setting: at least one millisecond, as Redis counts in milliseconds. */
    static Duration requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 ms but was " + duration);
        }
        return duration;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Sets the redis-server to run; by default {@link RedisServerBinary#locate()}. */
    public B binary(RedisServerBinary binary) {
        options.binary(binary);
        return self();
    }

    /**
     * Sets the default user's password ({@code requirepass}) on every data node, and the password
     * replicas use towards their masters ({@code masterauth}); by default there is none.
     */
    public B password(String password) {
        options.password(password);
        return self();
    }

    /**
     * Creates an ACL user with full rights ({@code on >password ~* &* +@all}) on every data node,
     * which replicas also use towards their masters; {@link LocalRedisNode#command(String...)}
     * then authenticates as this user.
     */
    public B aclUser(String username, String password) {
        options.aclUser(username, password);
        return self();
    }

    /**
     * Adds a {@code redis.conf} line to every data node; later lines win.
     *
     * @throws IllegalArgumentException for lines the harness sets itself, such as {@code port} or {@code dir}
     */
    public B config(String name, String... values) {
        options.config(name, values);
        return self();
    }

    /** Sets how long each node may take to answer {@code PING}, and the whole setup to form; by default 20 s. */
    public B startupTimeout(Duration timeout) {
        options.startupTimeout(timeout);
        return self();
    }
}
