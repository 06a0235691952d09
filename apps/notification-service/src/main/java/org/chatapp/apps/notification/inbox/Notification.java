package org.chatapp.apps.notification.inbox;

/** A stored notification, as the API shows it. */
public record Notification(String notificationId, String type, String conversationId, String messageId, String senderId,
        String text, String createdAt, boolean read) {
}
