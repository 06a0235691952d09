package org.chatapp.redis.spring.presence;

import java.util.List;
import org.chatapp.redis.presence.TypingEvent;
import org.chatapp.redis.presence.TypingListener;

/**
 * The application's typing listeners as one, called in their order: each hears every event even
 * when one before it throws; the first failure is then rethrown for presence to log.
 */
final class TypingListeners implements TypingListener {

    private final List<TypingListener> listeners;

    private TypingListeners(List<TypingListener> listeners) {
        this.listeners = listeners;
    }

    /** Returns one listener for all: {@link TypingListener#NONE} for none, the listener itself for one. */
    static TypingListener of(List<TypingListener> listeners) {
        return switch (listeners.size()) {
            case 0 -> TypingListener.NONE;
            case 1 -> listeners.get(0);
            default -> new TypingListeners(List.copyOf(listeners));
        };
    }

    @Override
    public void onTyping(TypingEvent event) {
        RuntimeException first = null;
        for (TypingListener listener : listeners) {
            try {
                listener.onTyping(event);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
