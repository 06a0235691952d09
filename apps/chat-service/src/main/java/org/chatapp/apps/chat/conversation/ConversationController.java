package org.chatapp.apps.chat.conversation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chatapp.apps.common.ApiException;
import org.chatapp.apps.common.Caller;
import org.chatapp.apps.common.Inputs;
import org.chatapp.redis.unread.UnreadCounters;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ConversationController {

    private static final int MAX_MEMBERS = 100;

    private final Conversations conversations;
    private final Users users;
    private final UnreadCounters unread;

    ConversationController(Conversations conversations, Users users, UnreadCounters unread) {
        this.conversations = conversations;
        this.users = users;
        this.unread = unread;
    }

    record CreateRequest(String title, List<String> memberIds) {
    }

    record ConversationView(String conversationId, String title, List<String> memberIds, long unreadCount) {
    }

    @PostMapping("/api/conversations")
    ResponseEntity<Conversation> create(Caller caller, @RequestBody CreateRequest request) {
        if (request == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        String title = request.title() == null || request.title().isBlank() ? "" : Inputs.text(request.title(), "title", 100);
        if (request.memberIds() == null) {
            throw ApiException.badRequest("'memberIds' is required");
        }
        if (request.memberIds().size() > MAX_MEMBERS) {
            throw ApiException.badRequest("'memberIds' may name at most " + MAX_MEMBERS + " users");
        }
        Set<String> members = new LinkedHashSet<>();
        members.add(caller.userId());
        for (String id : request.memberIds()) {
            members.add(Inputs.uuid(id, "memberIds"));
        }
        List<String> others = new ArrayList<>(members);
        others.remove(caller.userId());
        if (!others.isEmpty()) {
            List<String> known = users.known(others);
            List<String> unknown = others.stream().filter(id -> !known.contains(id)).toList();
            if (!unknown.isEmpty()) {
                throw ApiException.badRequest("no such users: " + String.join(", ", unknown));
            }
        }
        Conversation created = conversations.create(title, caller.userId(), List.copyOf(members));
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @GetMapping("/api/conversations")
    List<ConversationView> list(Caller caller) {
        Map<String, Long> counts = unread.counts(caller.userId());
        return conversations.of(caller.userId()).stream()
                .map(c -> new ConversationView(c.conversationId(), c.title(), c.memberIds(), counts.getOrDefault(c.conversationId(), 0L)))
                .toList();
    }
}
