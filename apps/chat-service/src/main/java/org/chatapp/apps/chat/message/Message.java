package org.chatapp.apps.chat.message;

/** A stored message, as the API shows it. */
public record Message(String messageId, String conversationId, String senderId, String text, String createdAt) {
}
