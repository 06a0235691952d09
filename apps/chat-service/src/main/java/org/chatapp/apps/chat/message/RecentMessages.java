package org.chatapp.apps.chat.message;

import java.util.List;
import java.util.Optional;

/**
 * The newest messages of a conversation, newest first: the value of the {@code recent-messages}
 * cache.
 *
 * @param messages at most {@link History#RECENT} messages, by id descending
 * @param complete whether they are all the conversation has, so a page older than them is empty
 *        rather than unknown
 */
record RecentMessages(List<Message> messages, boolean complete) {

    RecentMessages {
        messages = List.copyOf(messages);
    }

    /**
     * Returns the page of up to {@code limit} messages older than {@code before} (every message when
     * it is null), newest first, when these messages hold all of it: the page is then exactly what
     * the database would answer. Empty when the page reaches past them.
     */
    Optional<List<Message>> page(Long before, int limit) {
        int start = 0;
        if (before != null) {
            while (start < messages.size() && Long.parseLong(messages.get(start).messageId()) >= before) {
                start++;
            }
        }
        int end = Math.min(messages.size(), start + limit);
        if (end - start < limit && !complete) {
            return Optional.empty();
        }
        return Optional.of(messages.subList(start, end));
    }
}
