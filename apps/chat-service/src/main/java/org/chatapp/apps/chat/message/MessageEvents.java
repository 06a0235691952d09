package org.chatapp.apps.chat.message;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chatapp.apps.common.Platform;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.events.EventOptions;
import org.chatapp.redis.events.RedisEvents;
import org.chatapp.redis.unread.UnreadCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * What follows a stored message: the live event to every member's sockets, the stream entry the
 * notification service consumes, the unread counts. Each step's failure is logged and does not undo
 * the send: the message is stored, and history shows it.
 */
@Component
class MessageEvents implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MessageEvents.class);
    /** About a day of messages at 1/s per stream: the notification service reads far behind that. */
    private static final long STREAM_MAX_LENGTH = 100_000;

    private final RedisService bus;
    private final RedisEvents events;
    private final UnreadCounters unread;

    MessageEvents(@Qualifier(Platform.BUS_CLIENT) RedisService bus, UnreadCounters unread) {
        this.bus = bus;
        this.events = RedisEvents.create(bus, EventOptions.defaults());
        this.unread = unread;
    }

    void created(Message message, List<String> memberIds) {
        List<String> recipients = memberIds.stream().filter(id -> !id.equals(message.senderId())).toList();
        try {
            unread.increment(message.conversationId(), recipients);
        } catch (RuntimeException e) {
            log.warn("Unread counts of message {} not updated: {}", message.messageId(), e.toString());
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "message.created");
        event.put("messageId", message.messageId());
        event.put("conversationId", message.conversationId());
        event.put("senderId", message.senderId());
        event.put("text", message.text());
        event.put("createdAt", message.createdAt());
        toMembers(memberIds, event);
        Map<String, String> entry = new HashMap<>();
        entry.put("type", "message.created");
        entry.put("messageId", message.messageId());
        entry.put("conversationId", message.conversationId());
        entry.put("senderId", message.senderId());
        entry.put("text", message.text());
        entry.put("createdAt", message.createdAt());
        entry.put("recipientIds", String.join(",", recipients));
        try {
            bus.streams().add(Platform.messageStream(message.conversationId()), entry, STREAM_MAX_LENGTH);
        } catch (RuntimeException e) {
            log.warn("Message {} not appended to its stream: {}", message.messageId(), e.toString());
        }
    }

    void typing(String conversationId, String userId, List<String> memberIds) {
        Map<String, Object> event = Map.of("type", "typing", "conversationId", conversationId, "userId", userId);
        toMembers(memberIds.stream().filter(id -> !id.equals(userId)).toList(), event);
    }

    private void toMembers(List<String> memberIds, Map<String, Object> event) {
        for (String member : memberIds) {
            events.publishAsync(Platform.userChannel(member), event).exceptionally(e -> {
                log.warn("Event {} to user {} not published: {}", event.get("type"), member, e.toString());
                return null;
            });
        }
    }

    @Override
    public void destroy() {
        events.close();
    }
}
