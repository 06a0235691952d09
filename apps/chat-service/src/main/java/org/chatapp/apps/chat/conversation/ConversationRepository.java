package org.chatapp.apps.chat.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The chat service's tables of conversations and their members. */
@Repository
class ConversationRepository {

    private final JdbcClient jdbc;

    ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    Conversation create(String title, String creatorId, List<String> memberIds) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("insert into conversations (id, title, created_by) values (?::uuid, ?, ?::uuid)").params(id, title, creatorId).update();
        for (String member : memberIds) {
            jdbc.sql("insert into conversation_members (conversation_id, user_id) values (?::uuid, ?::uuid)").params(id, member).update();
        }
        return new Conversation(id, title, memberIds);
    }

    Optional<Conversation> find(String conversationId) {
        return jdbc.sql("""
                select c.id::text, c.title, array_agg(m.user_id::text order by m.user_id) from conversations c
                join conversation_members m on m.conversation_id = c.id where c.id = ?::uuid group by c.id, c.title""")
                .param(conversationId)
                .query(ConversationRepository::conversation)
                .optional();
    }

    /** Returns the user's conversations, the most recently active first. */
    List<Conversation> of(String userId) {
        return jdbc.sql("""
                select c.id::text, c.title, array_agg(m.user_id::text order by m.user_id) from conversations c
                join conversation_members m on m.conversation_id = c.id
                where c.id in (select conversation_id from conversation_members where user_id = ?::uuid)
                group by c.id, c.title, c.last_message_at order by c.last_message_at desc nulls last, c.id limit 200""")
                .param(userId)
                .query(ConversationRepository::conversation)
                .list();
    }

    private static Conversation conversation(ResultSet rs, int row) throws SQLException {
        return new Conversation(rs.getString(1), rs.getString(2), Arrays.asList((String[]) rs.getArray(3).getArray()));
    }
}
