package org.chatapp.apps.notification.inbox;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notification service's table. */
@Repository
class Inbox {

    private final JdbcClient jdbc;

    Inbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a notification of a message, once per user and message however often it is offered. */
    void add(String userId, String conversationId, String messageId, String senderId, String text) {
        jdbc.sql("""
                insert into notifications (id, user_id, type, conversation_id, message_id, sender_id, text)
                values (?::uuid, ?::uuid, 'message', ?::uuid, ?, ?::uuid, ?) on conflict (user_id, message_id) do nothing""")
                .params(UUID.randomUUID().toString(), userId, conversationId, messageId, senderId, text).update();
    }

    List<Notification> of(String userId, int limit) {
        return jdbc.sql("""
                select id::text, type, conversation_id::text, message_id, sender_id::text, text, created_at, read_at is not null
                from notifications where user_id = ?::uuid order by created_at desc, id limit ?""")
                .params(userId, limit)
                .query((rs, row) -> new Notification(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant().toString(), rs.getBoolean(8)))
                .list();
    }

    boolean markRead(String userId, String notificationId) {
        return jdbc.sql("update notifications set read_at = coalesce(read_at, now()) where id = ?::uuid and user_id = ?::uuid")
                .params(notificationId, userId).update() == 1;
    }
}
