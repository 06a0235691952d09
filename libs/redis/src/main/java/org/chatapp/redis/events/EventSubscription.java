package org.chatapp.redis.events;

import java.util.concurrent.CompletionStage;

/** One handler's subscription to a channel or a pattern; closing it ends it. */
public interface EventSubscription extends AutoCloseable {

    /** Returns the channel or pattern subscribed to, as given (without any prefix). */
    String channel();

    /** Returns whether {@link #channel()} is a pattern. */
    boolean isPattern();

    /**
     * Returns a stage that completes once Redis confirmed the subscription: events published after
     * that reach it. While Redis is unreachable it stays incomplete; it fails when Redis refuses the
     * subscription for good (a {@link org.chatapp.redis.RedisCommandException}, such as {@code NOPERM}).
     */
    CompletionStage<Void> confirmed();

    /** Ends the subscription; events already queued for it are dropped uncounted. Calling it again does nothing. */
    @Override
    void close();
}
