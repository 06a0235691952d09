package org.chatapp.redis.presence;

/**
 * Told when a user starts or explicitly stops typing, to pass the news on (for example to the
 * conversation's pub/sub channel). Not told when an indicator simply lapses: receivers time it out
 * themselves at {@link TypingEvent#until()}.
 *
 * <p>Runs on the thread that called {@link Presence#typing} or {@link Presence#stoppedTyping}, after
 * Redis recorded the change; keep it short. An exception it throws is logged and does not reach
 * that caller.
 */
@FunctionalInterface
public interface TypingListener {

    /** A listener that does nothing. */
    TypingListener NONE = event -> {
    };

    /** Handles one event. */
    void onTyping(TypingEvent event);
}
