package org.chatapp.apps.chat.conversation;

import java.util.List;

/** A conversation and its members. */
public record Conversation(String conversationId, String title, List<String> memberIds) {
}
