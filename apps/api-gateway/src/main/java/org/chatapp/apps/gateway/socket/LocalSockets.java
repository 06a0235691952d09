package org.chatapp.apps.gateway.socket;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.chatapp.apps.common.Platform;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.events.EventOptions;
import org.chatapp.redis.events.EventSubscription;
import org.chatapp.redis.events.RedisEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sockets open on this gateway, by user, and the event subscriptions that feed them: a user's
 * channel is subscribed while the user has a socket here, so an event published anywhere reaches
 * every gateway where the user is connected, and no other.
 */
@Component
class LocalSockets implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LocalSockets.class);
    /** A socket that cannot take its events within this time, or this much backlog, is closed. */
    private static final int SEND_TIME_LIMIT_MS = 5_000;
    private static final int BUFFER_LIMIT_BYTES = 512 * 1024;
    private static final long SUBSCRIBE_WAIT_SECONDS = 3;

    private final RedisEvents events;
    private final JsonMapper json;
    private final Map<String, UserSockets> users = new ConcurrentHashMap<>();
    private final EventSubscription broadcast;

    LocalSockets(@Qualifier(Platform.BUS_CLIENT) RedisService bus, JsonMapper json) {
        this.events = RedisEvents.create(bus, EventOptions.defaults());
        this.json = json;
        this.broadcast = events.subscribe(Platform.BROADCAST_CHANNEL, Map.class, (channel, event) -> everyone(text(event)));
    }

    /** One user's sockets here and the subscription of the user's channel. */
    private static final class UserSockets {
        final Set<WebSocketSession> sockets = ConcurrentHashMap.newKeySet();
        EventSubscription subscription;
    }

    /**
     * Adds a socket; returns true when it is the user's first one on this gateway. Returns once the
     * user's channel is subscribed (or after a few seconds without Redis), so that a client told
     * "ready" misses no event published after that.
     */
    boolean add(String userId, WebSocketSession session) {
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES);
        session.getAttributes().put("safe", safe);
        boolean[] first = {false};
        users.compute(userId, (id, current) -> {
            UserSockets sockets = current == null ? new UserSockets() : current;
            if (sockets.subscription == null) {
                first[0] = true;
                sockets.subscription = events.subscribe(Platform.userChannel(id), Map.class, (channel, event) -> toUser(id, text(event)));
            }
            sockets.sockets.add(safe);
            return sockets;
        });
        UserSockets current = users.get(userId);
        EventSubscription subscription = current == null ? null : current.subscription;
        if (subscription != null) {
            try {
                subscription.confirmed().toCompletableFuture().get(SUBSCRIBE_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // The bus resubscribes by itself once Redis answers; until then events for this user are missed.
                log.warn("Events of user {} not subscribed yet: {}", userId, e.toString());
            }
        }
        return first[0];
    }

    /** Removes a socket; returns true when it was the user's last one on this gateway. */
    boolean remove(String userId, WebSocketSession session) {
        Object safe = session.getAttributes().get("safe");
        boolean[] last = {false};
        users.computeIfPresent(userId, (id, sockets) -> {
            sockets.sockets.remove(safe);
            if (sockets.sockets.isEmpty()) {
                sockets.subscription.close();
                last[0] = true;
                return null;
            }
            return sockets;
        });
        return last[0];
    }

    /** Sends to one socket, safely beside the event deliveries. */
    void send(WebSocketSession session, String text) {
        Object safe = session.getAttributes().get("safe");
        deliver(safe instanceof WebSocketSession s ? s : session, text);
    }

    void forEachSocket(Consumer<Map.Entry<String, Set<WebSocketSession>>> action) {
        users.forEach((user, sockets) -> action.accept(Map.entry(user, sockets.sockets)));
    }

    int count() {
        return users.values().stream().mapToInt(u -> u.sockets.size()).sum();
    }

    private void toUser(String userId, String text) {
        UserSockets sockets = users.get(userId);
        if (sockets != null) {
            sockets.sockets.forEach(socket -> deliver(socket, text));
        }
    }

    private void everyone(String text) {
        users.values().forEach(u -> u.sockets.forEach(socket -> deliver(socket, text)));
    }

    private String text(Object event) {
        return json.writeValueAsString(event);
    }

    private static void deliver(WebSocketSession socket, String text) {
        try {
            if (socket.isOpen()) {
                socket.sendMessage(new TextMessage(text));
            }
        } catch (Exception e) {
            log.debug("Event not delivered to socket {}: {}", socket.getId(), e.toString());
        }
    }

    @Override
    public void destroy() {
        broadcast.close();
        events.close();
    }

    RedisEvents events() {
        return events;
    }
}
