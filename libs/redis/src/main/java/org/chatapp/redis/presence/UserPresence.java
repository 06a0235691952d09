package org.chatapp.redis.presence;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a user is online, and when they were last seen.
 *
 * @param userId the user
 * @param connections how many of the user's connections are live (heartbeat within the connection TTL)
 * @param lastSeen the last heartbeat or disconnect of any of the user's connections; empty when
 *     there was none within the last-seen retention
 */
public record UserPresence(String userId, int connections, Optional<Instant> lastSeen) {

    /** Returns whether at least one of the user's connections is live. */
    public boolean online() {
        return connections > 0;
    }
}
