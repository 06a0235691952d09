package org.chatapp.apps.notification.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Decides which online members get a live notification of a message: at most one per user and
 * conversation within {@link #WINDOW} on this instance. The first message after a quiet window is
 * announced at once; the others of a busy conversation are not announced again, since each of them
 * already reaches the member's sockets as {@code message.created} and in the unread count. Without
 * it, a member of a conversation with five messages a second got ten frames a second, half of them
 * notifications that said nothing new, and the web page reloaded its notification list for each.
 *
 * <p>The window is kept per instance: with several notification instances consuming a stream, a
 * member may be told once per window by each. Entries older than the window are dropped at most a
 * window later, so the memory held is one entry per member and conversation told within the last
 * two windows.
 */
final class LiveNotificationPacer {

    /** How long a conversation stays quiet for a member after a live notification of it. */
    static final Duration WINDOW = Duration.ofSeconds(5);

    private record Key(String userId, String conversationId) {
    }

    private final LongSupplier nanoClock;
    private final long windowNanos = WINDOW.toNanos();
    private final Map<Key, Long> toldAt = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    LiveNotificationPacer(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.lastSweep = nanoClock.getAsLong();
    }

    /**
     * Returns the members, of {@code online}, to notify of a message in the conversation now, and
     * starts their window; the others were told of this conversation within the window.
     */
    List<String> due(String conversationId, List<String> online) {
        long now = nanoClock.getAsLong();
        sweep(now);
        List<String> due = new ArrayList<>(online.size());
        for (String userId : online) {
            boolean[] told = {false};
            toldAt.compute(new Key(userId, conversationId), (key, at) -> {
                if (at != null && now - at < windowNanos) {
                    return at;
                }
                told[0] = true;
                return now;
            });
            if (told[0]) {
                due.add(userId);
            }
        }
        return due;
    }

    /** Entries held now: members told within the last window (and, until the next sweep, a window before). */
    int size() {
        return toldAt.size();
    }

    private void sweep(long now) {
        if (now - lastSweep < windowNanos) {
            return;
        }
        lastSweep = now;
        toldAt.values().removeIf(at -> now - at >= windowNanos);
    }
}
