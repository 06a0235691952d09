package org.chatapp.apps.chat.message;

import java.util.List;

/**
 * A stored message whose outbox row is still there: what it owes Redis is not all done.
 *
 * @param outboxId its outbox row
 * @param memberIds the conversation's members when it was sent
 * @param doneSteps the {@link MessageEvents} steps an earlier attempt did before it failed
 * @param attempts the attempts that failed so far
 */
record PendingMessage(long outboxId, Message message, List<String> memberIds, int doneSteps, int attempts) {

    PendingMessage {
        memberIds = List.copyOf(memberIds);
    }
}
