package org.chatapp.apps.user.presence;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.chatapp.apps.common.ApiException;
import org.chatapp.apps.common.Inputs;
import org.chatapp.redis.presence.Presence;
import org.chatapp.redis.presence.UserPresence;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PresenceController {

    private final Presence presence;

    PresenceController(SharedPresence presence) {
        this.presence = presence.presence();
    }

    record PresenceView(String userId, boolean online, String lastSeen) {
    }

    @GetMapping("/api/presence")
    List<PresenceView> presence(@RequestParam("userIds") String userIds) {
        List<String> ids = Arrays.stream(userIds.split(",")).map(String::strip).filter(id -> !id.isEmpty())
                .map(id -> Inputs.uuid(id, "userIds")).distinct().toList();
        if (ids.size() > 200) {
            throw ApiException.badRequest("'userIds' may name at most 200 users");
        }
        Map<String, UserPresence> found = presence.presence(ids);
        return ids.stream().map(id -> {
            UserPresence p = found.get(id);
            return new PresenceView(id, p != null && p.online(),
                    p == null ? null : p.lastSeen().map(Object::toString).orElse(null));
        }).toList();
    }
}
