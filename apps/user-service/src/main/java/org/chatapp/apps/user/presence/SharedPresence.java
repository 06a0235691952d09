package org.chatapp.apps.user.presence;

import org.chatapp.apps.common.Platform;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.presence.Presence;
import org.chatapp.redis.presence.PresenceOptions;
import org.chatapp.redis.presence.TypingListener;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Presence on the shared client, where the gateways write their sockets' heartbeats. */
@Component
class SharedPresence {

    private final Presence presence;

    SharedPresence(@Qualifier(Platform.BUS_CLIENT) RedisService bus) {
        this.presence = Presence.of(bus, PresenceOptions.defaults(), TypingListener.NONE);
    }

    Presence presence() {
        return presence;
    }
}
