package org.chatapp.apps.notification.inbox;

import java.util.List;
import org.chatapp.apps.common.ApiException;
import org.chatapp.apps.common.Caller;
import org.chatapp.apps.common.Inputs;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class NotificationController {

    private final Inbox inbox;

    NotificationController(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/api/notifications")
    List<Notification> list(Caller caller) {
        return inbox.of(caller.userId(), 50);
    }

    @PostMapping("/api/notifications/{id}/read")
    ResponseEntity<Void> read(Caller caller, @PathVariable String id) {
        if (!inbox.markRead(caller.userId(), Inputs.uuid(id, "id"))) {
            throw ApiException.notFound("no notification " + id);
        }
        return ResponseEntity.noContent().build();
    }
}
