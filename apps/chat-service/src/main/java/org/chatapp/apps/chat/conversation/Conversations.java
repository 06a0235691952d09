package org.chatapp.apps.chat.conversation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.chatapp.apps.common.ApiException;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Component;

/**
 * Conversations and their members, with their metadata (title, members) in the library's cache
 * {@value #CACHE}: every send, history page, read mark and typing signal checks membership, and
 * answers from Redis instead of the database. A miss loads once per conversation across every
 * instance; an unknown id is cached as absent for 30 s (a storm of wrong ids reaches the database
 * once). Whatever changes a conversation's title or members evicts its entry after the change is
 * committed, so that the next check on any instance loads it; a load that read the old rows before
 * the commit cannot store them afterwards (the eviction took its lease). Today only creation
 * writes them: the API has no call that changes members or titles yet, and such a call must evict
 * the same way.
 */
@Component
public class Conversations {

    static final String CACHE = "conversations";

    private final ConversationRepository repository;
    private final Cache cache;

    Conversations(ConversationRepository repository, CacheManager caches) {
        this.repository = repository;
        this.cache = Objects.requireNonNull(caches.getCache(CACHE), "no cache '" + CACHE + "': see chat-service.properties");
    }

    /**
     * Creates a conversation; the caller is expected among the members.
     *
     * @throws org.chatapp.redis.RedisServiceException when the eviction of an "absent" entry failed (the conversation is stored)
     */
    public Conversation create(String title, String creatorId, List<String> memberIds) {
        Conversation created = repository.create(title, creatorId, memberIds);
        // Committed by now: an id looked up while the rows were being written may be cached as absent.
        cache.evict(created.conversationId());
        return created;
    }

    /** Returns a conversation's title and members, from the cache when it holds them. */
    public Optional<Conversation> find(String conversationId) {
        return Optional.ofNullable(cache.get(conversationId, () -> repository.find(conversationId).orElse(null)));
    }

    /** Returns the conversation when the caller is one of its members; 404 when it does not exist, 403 when not a member. */
    public Conversation requireMember(String conversationId, String userId) {
        Conversation conversation = find(conversationId).orElseThrow(() -> ApiException.notFound("no conversation " + conversationId));
        if (!conversation.memberIds().contains(userId)) {
            throw ApiException.forbidden("you are not a member of this conversation");
        }
        return conversation;
    }

    /** Returns the user's conversations, the most recently active first (not cached: their order changes with every message). */
    public List<Conversation> of(String userId) {
        return repository.of(userId);
    }
}
