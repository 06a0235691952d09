package org.chatapp.apps.notification.inbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chatapp.apps.common.Delivery;
import org.chatapp.apps.common.Platform;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.events.EventOptions;
import org.chatapp.redis.events.RedisEvents;
import org.chatapp.redis.presence.Presence;
import org.chatapp.redis.presence.PresenceOptions;
import org.chatapp.redis.presence.TypingListener;
import org.chatapp.redis.presence.UserPresence;
import org.chatapp.redis.stream.StreamDelivery;
import org.chatapp.redis.stream.StreamWorker;
import org.chatapp.redis.stream.StreamWorkerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads every message stream in the group {@value Platform#NOTIFICATION_GROUP}; started once the
 * context is up and stopped, its pending work finished, before the clients close.
 */
@Component
class MessageConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MessageConsumer.class);

    private final RedisService bus;
    private final Inbox inbox;
    private final Presence presence;
    private final RedisEvents events;
    private final JsonMapper json;
    private final LiveNotificationPacer pacer = new LiveNotificationPacer(System::nanoTime);
    private final List<StreamWorker> workers = new ArrayList<>();

    MessageConsumer(@Qualifier(Platform.BUS_CLIENT) RedisService bus, Inbox inbox, JsonMapper json) {
        this.bus = bus;
        this.json = json;
        this.inbox = inbox;
        this.presence = Presence.of(bus, PresenceOptions.defaults(), TypingListener.NONE);
        this.events = RedisEvents.create(bus, EventOptions.defaults());
    }

    void handle(StreamDelivery delivery) {
        Map<String, String> fields = delivery.fields();
        if (!"message.created".equals(fields.get("type"))) {
            return;
        }
        String recipients = fields.getOrDefault("recipientIds", "");
        List<String> ids = Arrays.stream(recipients.split(",")).filter(id -> !id.isBlank()).toList();
        if (ids.isEmpty()) {
            return;
        }
        Map<String, UserPresence> presences = presence.presence(ids);
        List<String> online = new ArrayList<>();
        for (String userId : ids) {
            UserPresence p = presences.get(userId);
            if (p != null && p.online()) {
                online.add(userId);
            } else {
                inbox.add(userId, fields.get("conversationId"), fields.get("messageId"), fields.get("senderId"), fields.get("text"));
            }
        }
        List<String> due = pacer.due(fields.get("conversationId"), online);
        if (!due.isEmpty()) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", "notification");
            event.put("conversationId", fields.get("conversationId"));
            event.put("messageId", fields.get("messageId"));
            event.put("senderId", fields.get("senderId"));
            event.put("text", fields.get("text"));
            // At most once, as pub/sub: the message itself reached the sockets as message.created.
            events.publishAsync(Platform.deliveryChannel(fields.get("conversationId")), Delivery.of(due, event, json)).exceptionally(e -> {
                log.warn("Live notification of message {} not published: {}", fields.get("messageId"), e.toString());
                return null;
            });
        }
    }

    @Override
    public synchronized void start() {
        for (int partition = 0; partition < Platform.MESSAGE_STREAMS; partition++) {
            StreamWorkerOptions options = StreamWorkerOptions.builder(Platform.messageStream(partition), Platform.NOTIFICATION_GROUP)
                    .build();
            workers.add(StreamWorker.start(bus, options, this::handle));
        }
        log.info("Consuming {} message streams in group {}", workers.size(), Platform.NOTIFICATION_GROUP);
    }

    @Override
    public synchronized void stop() {
        workers.forEach(StreamWorker::close);
        workers.clear();
        events.close();
    }

    @Override
    public synchronized boolean isRunning() {
        return !workers.isEmpty();
    }
}
