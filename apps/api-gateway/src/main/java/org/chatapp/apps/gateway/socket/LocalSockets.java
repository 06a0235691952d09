package org.chatapp.apps.gateway.socket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.chatapp.apps.common.Delivery;
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
 * The sockets open on this gateway, by user, fed from every {@linkplain Platform#deliveryChannel(int)
 * delivery channel}: the gateway subscribes to them all once, and hands each {@link Delivery} to the
 * sockets it holds of the users it names. A user connecting costs Redis nothing; an event costs it
 * one publish, whatever the number of its users and gateways.
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
    private final Map<String, Set<WebSocketSession>> users = new ConcurrentHashMap<>();
    private final List<EventSubscription> subscriptions = new ArrayList<>();
    private final CompletableFuture<Void> subscribed;

    LocalSockets(@Qualifier(Platform.BUS_CLIENT) RedisService bus, JsonMapper json) {
        this.events = RedisEvents.create(bus, EventOptions.defaults());
        this.json = json;
        subscriptions.add(events.subscribe(Platform.BROADCAST_CHANNEL, Map.class, (channel, event) -> everyone(text(event))));
        for (int partition = 0; partition < Platform.DELIVERY_CHANNELS; partition++) {
            subscriptions.add(events.subscribe(Platform.deliveryChannel(partition), Delivery.class, (channel, delivery) -> deliver(delivery)));
        }
        this.subscribed = CompletableFuture.allOf(subscriptions.stream()
                .map(subscription -> subscription.confirmed().toCompletableFuture()).toArray(CompletableFuture[]::new));
    }

    /**
     * Adds a socket; returns true when it is the user's first one on this gateway. Returns once the
     * delivery channels are subscribed (at once but for the first sockets after a start, or after a
     * few seconds without Redis), so that a client told "ready" misses no event published after that.
     */
    boolean add(String userId, WebSocketSession session) {
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES);
        session.getAttributes().put("safe", safe);
        boolean[] first = {false};
        users.compute(userId, (id, current) -> {
            Set<WebSocketSession> sockets = current == null ? ConcurrentHashMap.newKeySet() : current;
            first[0] = sockets.isEmpty();
            sockets.add(safe);
            return sockets;
        });
        if (!subscribed.isDone()) {
            try {
                subscribed.get(SUBSCRIBE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // The bus subscribes by itself once Redis answers; until then this gateway's sockets miss their events.
                log.warn("Delivery channels not subscribed yet: {}", e.toString());
            }
        }
        return first[0];
    }

    /** Removes a socket; returns true when it was the user's last one on this gateway. */
    boolean remove(String userId, WebSocketSession session) {
        Object safe = session.getAttributes().get("safe");
        boolean[] last = {false};
        users.computeIfPresent(userId, (id, sockets) -> {
            sockets.remove(safe);
            last[0] = sockets.isEmpty();
            return last[0] ? null : sockets;
        });
        return last[0];
    }

    /** Sends to one socket, safely beside the event deliveries. */
    void send(WebSocketSession session, String text) {
        Object safe = session.getAttributes().get("safe");
        send(safe instanceof WebSocketSession s ? s : session, textMessage(text));
    }

    void forEachSocket(BiConsumer<String, Set<WebSocketSession>> action) {
        users.forEach(action);
    }

    private void deliver(Delivery delivery) {
        TextMessage text = null; // made once, and only when a socket here wants it
        for (String userId : delivery.to()) {
            Set<WebSocketSession> sockets = users.get(userId);
            if (sockets == null) {
                continue;
            }
            if (text == null) {
                text = textMessage(delivery.event());
            }
            for (WebSocketSession socket : sockets) {
                send(socket, text);
            }
        }
    }

    private void everyone(String text) {
        TextMessage message = textMessage(text);
        users.values().forEach(sockets -> sockets.forEach(socket -> send(socket, message)));
    }

    /**
     * A message that carries its UTF-8 bytes: the socket decorator asks every message's length twice
     * per socket, and a message made from a string alone encodes it anew each time.
     */
    private static TextMessage textMessage(String text) {
        return new TextMessage(text.getBytes(StandardCharsets.UTF_8));
    }

    private String text(Object event) {
        return json.writeValueAsString(event);
    }

    private static void send(WebSocketSession socket, TextMessage message) {
        try {
            if (socket.isOpen()) {
                socket.sendMessage(message);
            }
        } catch (Exception e) {
            log.debug("Event not delivered to socket {}: {}", socket.getId(), e.toString());
        }
    }

    @Override
    public void destroy() {
        subscriptions.forEach(EventSubscription::close);
        events.close();
    }

    RedisEvents events() {
        return events;
    }
}
