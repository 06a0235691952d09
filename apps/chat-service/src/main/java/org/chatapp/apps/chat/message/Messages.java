package org.chatapp.apps.chat.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The chat service's messages. Ids grow with time, so history pages by id. */
@Repository
class Messages {

    /**
     * A message and whether this call stored it (false: a resend of a stored one).
     *
     * @param pending what the message owes Redis, with its outbox row, when this call stored it; else null
     */
    record Stored(Message message, boolean created, PendingMessage pending) {
    }

    private final JdbcClient jdbc;

    Messages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a message and, in the same transaction, its outbox row ({@link MessageOutbox}): once this
     * returns, what the message owes Redis is recorded and the relay will do it, whatever fails next.
     * A resend of a stored {@code clientMessageId} returns the stored message and writes nothing.
     *
     * @param heldFromRelay how long the relay leaves the row alone, because the send does the work itself
     */
    @Transactional
    Stored store(String conversationId, String senderId, String clientMessageId, String text, List<String> memberIds,
            Duration heldFromRelay) {
        Optional<Message> inserted = jdbc.sql("""
                insert into messages (conversation_id, sender_id, client_message_id, text) values (?::uuid, ?::uuid, ?, ?)
                on conflict (conversation_id, sender_id, client_message_id) do nothing
                returning id, conversation_id, sender_id, text, created_at""")
                .params(conversationId, senderId, clientMessageId, text).query((rs, row) -> message(rs)).optional();
        if (inserted.isPresent()) {
            jdbc.sql("update conversations set last_message_at = now() where id = ?::uuid").param(conversationId).update();
            long outboxId = jdbc.sql("""
                    insert into message_outbox (message_id, member_ids, next_attempt_at)
                    values (?, ?::uuid[], now() + ? * interval '1 millisecond') returning id""")
                    .params(Long.parseLong(inserted.get().messageId()), memberIds.toArray(String[]::new), heldFromRelay.toMillis())
                    .query(Long.class).single();
            return new Stored(inserted.get(), true, new PendingMessage(outboxId, inserted.get(), memberIds, 0, 0));
        }
        Message existing = jdbc.sql("""
                select id, conversation_id, sender_id, text, created_at from messages
                where conversation_id = ?::uuid and sender_id = ?::uuid and client_message_id = ?""")
                .params(conversationId, senderId, clientMessageId).query((rs, row) -> message(rs)).single();
        return new Stored(existing, false, null);
    }

    List<Message> page(String conversationId, Long before, int limit) {
        return jdbc.sql("""
                select id, conversation_id, sender_id, text, created_at from messages
                where conversation_id = ?::uuid and id < ? order by id desc limit ?""")
                .params(conversationId, before == null ? Long.MAX_VALUE : before, limit).query((rs, row) -> message(rs)).list();
    }

    /** Counts the messages after {@code afterId} that others sent: what the user has left unread. */
    long unreadAfter(String conversationId, String userId, long afterId) {
        return jdbc.sql("select count(*) from messages where conversation_id = ?::uuid and id > ? and sender_id <> ?::uuid")
                .params(conversationId, afterId, userId).query(Long.class).single();
    }

    /** Moves the user's read mark forward (never back); returns the mark in force. */
    long markRead(String conversationId, String userId, long messageId) {
        return jdbc.sql("""
                update conversation_members set last_read_message_id = greatest(coalesce(last_read_message_id, 0), ?)
                where conversation_id = ?::uuid and user_id = ?::uuid returning last_read_message_id""")
                .params(messageId, conversationId, userId).query(Long.class).single();
    }

    boolean exists(String conversationId, long messageId) {
        return jdbc.sql("select count(*) from messages where conversation_id = ?::uuid and id = ?").params(conversationId, messageId)
                .query(Long.class).single() > 0;
    }

    /** Reads a message from the columns id, conversation_id, sender_id, text, created_at starting at {@code first}. */
    static Message message(ResultSet rs, int first) throws SQLException {
        return new Message(Long.toString(rs.getLong(first)), rs.getString(first + 1), rs.getString(first + 2), rs.getString(first + 3),
                rs.getTimestamp(first + 4).toInstant().toString());
    }

    private static Message message(ResultSet rs) throws SQLException {
        return message(rs, 1);
    }
}
