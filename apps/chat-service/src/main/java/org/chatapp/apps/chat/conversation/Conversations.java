package org.chatapp.apps.chat.conversation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chatapp.apps.common.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The chat service's conversations and their members. */
@Repository
public class Conversations {

    private final JdbcClient jdbc;

    Conversations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public Conversation create(String title, String creatorId, List<String> memberIds) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("insert into conversations (id, title, created_by) values (?::uuid, ?, ?::uuid)").params(id, title, creatorId).update();
        for (String member : memberIds) {
            jdbc.sql("insert into conversation_members (conversation_id, user_id) values (?::uuid, ?::uuid)").params(id, member).update();
        }
        return new Conversation(id, title, memberIds);
    }

    public Optional<Conversation> find(String conversationId) {
        return jdbc.sql("""
                select c.id::text, c.title, array_agg(m.user_id::text order by m.user_id) from conversations c
                join conversation_members m on m.conversation_id = c.id where c.id = ?::uuid group by c.id, c.title""")
                .param(conversationId)
                .query((rs, row) -> new Conversation(rs.getString(1), rs.getString(2),
                        Arrays.asList((String[]) rs.getArray(3).getArray())))
                .optional();
    }

    /** Returns the conversation when the caller is one of its members; 404 when it does not exist, 403 when not a member. */
    public Conversation requireMember(String conversationId, String userId) {
        Conversation conversation = find(conversationId).orElseThrow(() -> ApiException.notFound("no conversation " + conversationId));
        if (!conversation.memberIds().contains(userId)) {
            throw ApiException.forbidden("you are not a member of this conversation");
        }
        return conversation;
    }

    /** Returns the user's conversations, the most recently active first. */
    public List<Conversation> of(String userId) {
        return jdbc.sql("""
                select c.id::text, c.title, array_agg(m.user_id::text order by m.user_id) from conversations c
                join conversation_members m on m.conversation_id = c.id
                where c.id in (select conversation_id from conversation_members where user_id = ?::uuid)
                group by c.id, c.title, c.last_message_at order by c.last_message_at desc nulls last, c.id limit 200""")
                .param(userId)
                .query((rs, row) -> new Conversation(rs.getString(1), rs.getString(2),
                        Arrays.asList((String[]) rs.getArray(3).getArray())))
                .list();
    }
}
