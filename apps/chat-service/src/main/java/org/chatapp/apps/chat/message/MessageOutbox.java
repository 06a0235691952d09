package org.chatapp.apps.chat.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The table {@code message_outbox}: one row per stored message whose Redis side (unread counts,
 * stream entry, live events) is not done yet, written by {@link Messages#store} in the message's
 * transaction: due at once, or once the lease of the send that does the work itself is over. Due
 * rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so that instances relaying at the same time
 * each take other rows and a row is handled by one of them at a time; the claim ends with the
 * caller's transaction, so a crashed relay's rows are free again at once.
 */
@Repository
class MessageOutbox {

    private static final String PENDING = """
            select o.id, o.member_ids::text[], o.done_steps, o.attempts, m.id, m.conversation_id, m.sender_id, m.text, m.created_at
            from message_outbox o join messages m on m.id = o.message_id
            """;
    private static final int MAX_ERROR = 500;

    private final JdbcClient jdbc;

    MessageOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims up to {@code limit} rows that are due, oldest first, skipping those other transactions hold. Needs a transaction. */
    List<PendingMessage> claimDue(int limit) {
        return jdbc.sql(PENDING + "where o.next_attempt_at <= now() order by o.id limit ? for update of o skip locked").param(limit)
                .query(MessageOutbox::pendingMessage).list();
    }

    /** Deletes a row whose work is done. */
    void done(long outboxId) {
        jdbc.sql("delete from message_outbox where id = ?").param(outboxId).update();
    }

    /** Records a failed attempt: the steps it did, when to try again, and why it failed. */
    void postpone(long outboxId, int doneSteps, Duration delay, String error) {
        String cause = error == null ? null : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        jdbc.sql("""
                update message_outbox set done_steps = ?, attempts = attempts + 1,
                next_attempt_at = clock_timestamp() + ? * interval '1 millisecond', last_error = ? where id = ?""")
                .params(doneSteps, delay.toMillis(), cause, outboxId).update();
    }

    /** Counts the rows not done yet (for health and tests). */
    long pending() {
        return jdbc.sql("select count(*) from message_outbox").query(Long.class).single();
    }

    private static PendingMessage pendingMessage(ResultSet rs, int row) throws SQLException {
        return new PendingMessage(rs.getLong(1), Messages.message(rs, 5), Arrays.asList((String[]) rs.getArray(2).getArray()),
                rs.getInt(3), rs.getInt(4));
    }
}
