package org.chatapp.apps.gateway.socket;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.chatapp.apps.common.Caller;
import org.chatapp.apps.common.InternalClients;
import org.chatapp.apps.common.Platform;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.presence.Presence;
import org.chatapp.redis.presence.PresenceOptions;
import org.chatapp.redis.presence.TypingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One socket's life: registered for its user's events, heartbeats to presence while open (every
 * {@value #HEARTBEAT_SECONDS} s, within the presence TTL), frames from the client answered. A bad
 * frame gets an {@code error} event and the socket stays open.
 */
@Component
class SocketHandler extends TextWebSocketHandler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SocketHandler.class);
    private static final long HEARTBEAT_SECONDS = 20;
    static final int MAX_FRAME_CHARS = 4096;

    private final LocalSockets sockets;
    private final Presence presence;
    private final JsonMapper json;
    private final RestClient chat;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "socket-heartbeats");
        thread.setDaemon(true);
        return thread;
    });

    SocketHandler(LocalSockets sockets, @Qualifier(Platform.BUS_CLIENT) RedisService bus, JsonMapper json,
            @Value("${chatapp.services.chat-uri}") String chatUri, Environment environment) {
        this.sockets = sockets;
        this.presence = Presence.of(bus, PresenceOptions.defaults(), TypingListener.NONE);
        this.json = json;
        this.chat = InternalClients.create(chatUri, environment);
        timer.scheduleWithFixedDelay(this::heartbeats, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        String userId = userOf(session);
        session.setTextMessageSizeLimit(MAX_FRAME_CHARS);
        boolean first = sockets.add(userId, session);
        try {
            presence.heartbeat(userId, session.getId());
        } catch (RuntimeException e) {
            log.warn("Presence of {} not recorded: {}", userId, e.toString());
        }
        if (first) {
            broadcastPresence(userId, true);
        }
        sockets.send(session, "{\"type\":\"ready\",\"userId\":\"" + userId + "\"}");
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        String userId = userOf(session);
        JsonNode frame;
        try {
            frame = json.readTree(message.getPayload());
        } catch (JacksonException e) {
            error(session, "the frame is not JSON");
            return;
        }
        String type = frame != null && frame.has("type") ? frame.get("type").asString() : null;
        if ("ping".equals(type)) {
            try {
                presence.heartbeat(userId, session.getId());
            } catch (RuntimeException e) {
                log.debug("Heartbeat failed: {}", e.toString());
            }
            sockets.send(session, "{\"type\":\"pong\"}");
        } else if ("typing".equals(type)) {
            String conversationId = frame.has("conversationId") ? frame.get("conversationId").asString() : null;
            if (conversationId == null || !conversationId.matches("[0-9a-fA-F-]{36}")) {
                error(session, "typing needs a conversationId");
                return;
            }
            typing(session, userId, conversationId);
        } else {
            error(session, "unknown frame type; send ping or typing");
        }
    }

    private void typing(WebSocketSession session, String userId, String conversationId) {
        // The chat service checks membership and tells the members; off the socket's thread.
        timer.execute(() -> {
            try {
                chat.post().uri("/api/conversations/{id}/typing", conversationId).header(Caller.HEADER, userId).retrieve()
                        .toBodilessEntity();
            } catch (RuntimeException e) {
                error(session, "typing refused for that conversation");
            }
        });
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        String userId = userOf(session);
        boolean last = sockets.remove(userId, session);
        try {
            presence.disconnect(userId, session.getId());
        } catch (RuntimeException e) {
            log.debug("Disconnect not recorded: {}", e.toString());
        }
        if (last) {
            broadcastPresence(userId, presence.presence(userId).online());
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Socket {} failed: {}", session.getId(), exception.toString());
    }

    private void heartbeats() {
        try {
            sockets.forEachSocket((user, open) -> open.forEach(socket -> presence.heartbeat(user, socket.getId())));
        } catch (RuntimeException e) {
            log.warn("Heartbeats failed: {}", e.toString());
        }
    }

    private void broadcastPresence(String userId, boolean online) {
        sockets.events().publishAsync(Platform.BROADCAST_CHANNEL, Map.of("type", "presence", "userId", userId, "online", online))
                .exceptionally(e -> null);
    }

    private void error(WebSocketSession session, String message) {
        sockets.send(session, "{\"type\":\"error\",\"message\":" + json.writeValueAsString(message) + "}");
    }

    private static String userOf(WebSocketSession session) {
        return (String) session.getAttributes().get(TokenHandshake.USER);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
