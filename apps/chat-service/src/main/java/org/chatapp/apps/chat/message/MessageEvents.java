package org.chatapp.apps.chat.message;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chatapp.apps.common.Delivery;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * What a stored message owes Redis, in three steps, each done once per successful attempt: the
 * unread counts of the other members ({@link #COUNTED}), the entry in its conversation's stream
 * that the notification service consumes ({@link #STREAMED}), and the live {@code message.created}
 * event to every member's sockets, one {@link Delivery} for them all ({@link #DELIVERED}). The
 * outbox relay calls it, at least once per message: an attempt that fails records the steps it
 * did, and the next attempt does only the others; a relay that dies after a step and before
 * recording it repeats that step.
 */
@Component
class MessageEvents implements DisposableBean {

    static final int COUNTED = 1;
    static final int STREAMED = 2;
    static final int DELIVERED = 4;
    static final int ALL = COUNTED | STREAMED | DELIVERED;

    private static final Logger log = LoggerFactory.getLogger(MessageEvents.class);
    /** About a day of messages at 1/s per stream: the notification service reads far behind that. */
    private static final long STREAM_MAX_LENGTH = 100_000;

    private final RedisService bus;
    private final RedisEvents events;
    private final UnreadCounters unread;
    private final JsonMapper json;

    MessageEvents(@Qualifier(Platform.BUS_CLIENT) RedisService bus, UnreadCounters unread, JsonMapper json) {
        this.bus = bus;
        this.json = json;
        this.events = RedisEvents.create(bus, EventOptions.defaults());
        this.unread = unread;
    }

    /**
     * Does the steps the pending message has not done yet, in order.
     *
     * @throws PublishFailure naming every step done so far, when one failed
     */
    void publish(PendingMessage pending) throws PublishFailure {
        Message message = pending.message();
        List<String> recipients = pending.memberIds().stream().filter(id -> !id.equals(message.senderId())).toList();
        int done = pending.doneSteps();
        try {
            // Counted before the event goes out: a client that reloads its conversations on the event sees the new count.
            if ((done & COUNTED) == 0) {
                unread.increment(message.conversationId(), recipients);
                done |= COUNTED;
            }
            if ((done & STREAMED) == 0) {
                bus.streams().add(Platform.messageStream(message.conversationId()), streamEntry(message, recipients), STREAM_MAX_LENGTH);
                done |= STREAMED;
            }
            if ((done & DELIVERED) == 0) {
                // Ends within the client's command timeout.
                events.publish(Platform.deliveryChannel(message.conversationId()), Delivery.of(pending.memberIds(), liveEvent(message), json));
                done |= DELIVERED;
            }
        } catch (RuntimeException e) {
            throw new PublishFailure(done, e);
        }
    }

    void typing(String conversationId, String userId, List<String> memberIds) {
        Map<String, Object> event = Map.of("type", "typing", "conversationId", conversationId, "userId", userId);
        List<String> others = memberIds.stream().filter(member -> !member.equals(userId)).toList();
        if (others.isEmpty()) {
            return;
        }
        // At most once, as pub/sub: a lost typing signal is replaced by the next within seconds.
        events.publishAsync(Platform.deliveryChannel(conversationId), Delivery.of(others, event, json)).exceptionally(e -> {
            log.warn("Typing event in conversation {} not published: {}", conversationId, e.toString());
            return null;
        });
    }

    private static Map<String, Object> liveEvent(Message message) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "message.created");
        event.put("messageId", message.messageId());
        event.put("conversationId", message.conversationId());
        event.put("senderId", message.senderId());
        event.put("text", message.text());
        event.put("createdAt", message.createdAt());
        return event;
    }

    private static Map<String, String> streamEntry(Message message, List<String> recipients) {
        Map<String, String> entry = new HashMap<>();
        entry.put("type", "message.created");
        entry.put("messageId", message.messageId());
        entry.put("conversationId", message.conversationId());
        entry.put("senderId", message.senderId());
        entry.put("text", message.text());
        entry.put("createdAt", message.createdAt());
        entry.put("recipientIds", String.join(",", recipients));
        return entry;
    }

    @Override
    public void destroy() {
        events.close();
    }
}
