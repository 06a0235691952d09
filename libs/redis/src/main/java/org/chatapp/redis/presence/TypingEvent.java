package org.chatapp.redis.presence;

import java.time.Instant;

/**
 * A user started or stopped typing in a conversation.
 *
 * @param conversationId the conversation
 * @param userId the user
 * @param typing true when they started, false when they stopped
 * @param until when a receiver should stop showing the indicator unless it hears again: the
 *     indicator's expiry when started, the time of the event when stopped
 */
public record TypingEvent(String conversationId, String userId, boolean typing, Instant until) {
}
