package org.chatapp.apps.chat.message;

import java.util.List;
import java.util.UUID;
import org.chatapp.apps.chat.conversation.Conversation;
import org.chatapp.apps.chat.conversation.Conversations;
import org.chatapp.apps.common.ApiException;
import org.chatapp.apps.common.Caller;
import org.chatapp.apps.common.Inputs;
import org.chatapp.redis.unread.UnreadCounters;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MessageController {

    private static final int MAX_TEXT = 4000;
    private static final int MAX_PAGE = 100;

    private final Conversations conversations;
    private final Messages messages;
    private final MessageEvents events;
    private final UnreadCounters unread;

    MessageController(Conversations conversations, Messages messages, MessageEvents events, UnreadCounters unread) {
        this.conversations = conversations;
        this.messages = messages;
        this.events = events;
        this.unread = unread;
    }

    record SendRequest(String text, String clientMessageId) {
    }

    record ReadRequest(String messageId) {
    }

    @PostMapping("/api/conversations/{id}/messages")
    ResponseEntity<Message> send(Caller caller, @PathVariable String id, @RequestBody SendRequest request) {
        String conversationId = Inputs.uuid(id, "id");
        if (request == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        String text = Inputs.text(request.text(), "text", MAX_TEXT);
        String clientMessageId = request.clientMessageId() == null ? UUID.randomUUID().toString()
                : Inputs.text(request.clientMessageId(), "clientMessageId", 64);
        Conversation conversation = conversations.requireMember(conversationId, caller.userId());
        Messages.Stored stored = messages.store(conversationId, caller.userId(), clientMessageId, text);
        if (stored.created()) {
            events.created(stored.message(), conversation.memberIds());
        }
        return ResponseEntity.status(HttpStatus.CREATED).header("Idempotent-Replayed", Boolean.toString(!stored.created()))
                .body(stored.message());
    }

    @GetMapping("/api/conversations/{id}/messages")
    List<Message> history(Caller caller, @PathVariable String id, @RequestParam(name = "limit", defaultValue = "50") int limit,
            @RequestParam(name = "before", required = false) String before) {
        String conversationId = Inputs.uuid(id, "id");
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.badRequest("'limit' must be 1 to " + MAX_PAGE);
        }
        conversations.requireMember(conversationId, caller.userId());
        return messages.page(conversationId, before == null || before.isBlank() ? null : messageId(before, "before"), limit);
    }

    @PostMapping("/api/conversations/{id}/read")
    ResponseEntity<Void> read(Caller caller, @PathVariable String id, @RequestBody ReadRequest request) {
        String conversationId = Inputs.uuid(id, "id");
        if (request == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        long messageId = messageId(request.messageId(), "messageId");
        conversations.requireMember(conversationId, caller.userId());
        if (!messages.exists(conversationId, messageId)) {
            throw ApiException.notFound("no message " + messageId + " in this conversation");
        }
        long mark = messages.markRead(conversationId, caller.userId(), messageId);
        long left = messages.unreadAfter(conversationId, caller.userId(), mark);
        long counted = unread.count(caller.userId(), conversationId);
        if (left == 0) {
            unread.markRead(caller.userId(), conversationId);
        } else if (counted > left) {
            unread.decrement(caller.userId(), conversationId, counted - left);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/conversations/{id}/typing")
    ResponseEntity<Void> typing(Caller caller, @PathVariable String id) {
        String conversationId = Inputs.uuid(id, "id");
        Conversation conversation = conversations.requireMember(conversationId, caller.userId());
        events.typing(conversationId, caller.userId(), conversation.memberIds());
        return ResponseEntity.noContent().build();
    }

    private static long messageId(String value, String field) {
        if (value == null || !value.matches("[0-9]{1,18}")) {
            throw ApiException.badRequest("'" + field + "' must be a message id");
        }
        return Long.parseLong(value);
    }
}
