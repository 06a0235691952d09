package org.chatapp.apps.chat.message;

import java.util.List;
import java.util.Objects;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Component;

/**
 * A conversation's history, its newest {@value #RECENT} messages from the library's cache
 * {@value #CACHE}: opening a conversation reads its newest page, and every member's client does.
 * A miss loads once per conversation across every instance. Every stored message evicts the entry
 * after its transaction committed (the send itself, and again the outbox relay before the message's
 * events go out, in case the send's eviction failed), so a reader told of a message finds it in
 * history; a load that read the rows before that commit cannot store them afterwards (the eviction
 * took its lease). Pages by {@code before} are served from the entry when it holds the whole page
 * (or the whole conversation), and from the database otherwise, so paging answers exactly what the
 * database would.
 */
@Component
class History {

    static final String CACHE = "recent-messages";
    /** Messages kept per conversation: the largest page the API serves. */
    static final int RECENT = 100;

    private final Messages messages;
    private final Cache cache;

    History(Messages messages, CacheManager caches) {
        this.messages = messages;
        this.cache = Objects.requireNonNull(caches.getCache(CACHE), "no cache '" + CACHE + "': see chat-service.properties");
    }

    /** Returns up to {@code limit} (at most {@value #RECENT}) messages older than {@code before} (the newest when null), newest first. */
    List<Message> page(String conversationId, Long before, int limit) {
        RecentMessages recent = cache.get(conversationId, () -> load(conversationId));
        return recent.page(before, limit).orElseGet(() -> messages.page(conversationId, before, limit));
    }

    /**
     * Drops a conversation's cached messages: the next read on any instance loads them.
     *
     * @throws org.chatapp.redis.RedisServiceException when Redis failed; the entry may still be there
     */
    void evict(String conversationId) {
        cache.evict(conversationId);
    }

    private RecentMessages load(String conversationId) {
        // One more than kept: whether the conversation has older messages than those.
        List<Message> newest = messages.page(conversationId, null, RECENT + 1);
        return newest.size() > RECENT ? new RecentMessages(newest.subList(0, RECENT), false) : new RecentMessages(newest, true);
    }
}
