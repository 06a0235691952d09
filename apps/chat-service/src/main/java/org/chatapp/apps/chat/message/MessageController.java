package org.chatapp.apps.chat.message;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.chatapp.apps.chat.conversation.Conversation;
import org.chatapp.apps.chat.conversation.Conversations;
import org.chatapp.apps.common.ApiException;
import org.chatapp.apps.common.Caller;
import org.chatapp.apps.common.Inputs;
import org.chatapp.redis.RedisServiceException;
import org.chatapp.redis.unread.UnreadCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(MessageController.class);

    private final Conversations conversations;
    private final Messages messages;
    private final History history;
    private final OutboxRelay relay;
    private final MessageEvents events;
    private final UnreadCounters unread;

    MessageController(Conversations conversations, Messages messages, History history, OutboxRelay relay, MessageEvents events,
            UnreadCounters unread) {
        this.conversations = conversations;
        this.messages = messages;
        this.history = history;
        this.relay = relay;
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
        Duration lease = relay.sendLease();
        Messages.Stored stored = messages.store(conversationId, caller.userId(), clientMessageId, text, conversation.memberIds(), lease);
        if (stored.created()) {
            // Committed, with its outbox row: from here on a failure delays the message's events, it never loses them.
            boolean evicted = evictHistory(conversationId);
            if (!lease.isZero()) {
                relay.publishNow(stored.pending(), evicted);
            }
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
        return history.page(conversationId, before == null || before.isBlank() ? null : messageId(before, "before"), limit);
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

    /** Evicts the conversation's cached history so the sender's next read shows the message; false when Redis failed (the relay evicts it again). */
    private boolean evictHistory(String conversationId) {
        try {
            history.evict(conversationId);
            return true;
        } catch (RedisServiceException e) {
            log.warn("History cache of conversation {} not evicted, the outbox relay will: {}", conversationId, e.toString());
            return false;
        }
    }

    private static long messageId(String value, String field) {
        if (value == null || !value.matches("[0-9]{1,18}")) {
            throw ApiException.badRequest("'" + field + "' must be a message id");
        }
        return Long.parseLong(value);
    }
}
