package org.chatapp.redis.session;

import java.time.Instant;

/**
 * A session read from a {@link SessionStore}.
 *
 * @param id the session's id: a bearer credential, so {@link #toString()} never shows it
 * @param userId the user the session belongs to
 * @param payload what the caller stored, decoded (and decrypted) by the store
 * @param createdAt when the session was created, by the service's clock
 * @param expiresAt when the session ends unless it is touched before, by the service's clock
 * @param <T> the payload's type
 */
public record Session<T>(String id, String userId, T payload, Instant createdAt, Instant expiresAt) {

    /** Shows the user and the times, never the id or the payload (both may be secrets). */
    @Override
    public String toString() {
        return "Session[userId=" + userId + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
    }
}
