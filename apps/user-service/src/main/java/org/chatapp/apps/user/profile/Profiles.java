package org.chatapp.apps.user.profile;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.RedisServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Component;

/**
 * Profiles behind the library's caches (the starter's {@code CacheManager}, set under
 * {@code chatapp.redis.cache.caches.*} in {@code user-service.properties}).
 *
 * <p><b>{@value #PROFILES}</b>: cache-aside by user id. A miss loads once per key across every
 * instance (the library's lease), entries live 5 minutes spread by plus or minus 10 %, and an
 * unknown id is cached as absent for 30 s, so a storm of lookups of a wrong id reaches the database
 * once. An update writes the database, then evicts the entry in Redis before it answers: every
 * later read, on any instance, misses and loads the new profile, and a load that read the old row
 * before the update cannot store it afterwards (the eviction took its lease). No near cache: an
 * in-process copy would be dropped only when the invalidation arrives, a few milliseconds after the
 * update answered, and the contract is that every reader sees it at once.
 *
 * <p><b>{@value #SEARCH}</b>: results by normalized term (stripped, lower case), 10 s spread by
 * plus or minus 10 %. Their keys carry a generation that every new profile and every display-name
 * change increments, so a search after either answers from the database at once, on every
 * instance; old generations expire by themselves. Staleness bound: none while Redis takes the
 * increment; when it fails (logged), at most the entries' TTL, 11 s.
 */
@Component
class Profiles {

    static final String PROFILES = "profiles";
    static final String SEARCH = "profile-search";
    static final int SEARCH_LIMIT = 20;

    private static final Logger log = LoggerFactory.getLogger(Profiles.class);
    /** The search generation's key, under the service's prefix. */
    private static final String SEARCH_GENERATION = "profile-search:generation";

    private final ProfileRepository repository;
    private final RedisService redis;
    private final Cache profiles;
    private final Cache searches;

    Profiles(ProfileRepository repository, RedisService redis, CacheManager caches) {
        this.repository = repository;
        this.redis = redis;
        this.profiles = Objects.requireNonNull(caches.getCache(PROFILES), "no cache '" + PROFILES + "': see user-service.properties");
        this.searches = Objects.requireNonNull(caches.getCache(SEARCH), "no cache '" + SEARCH + "': see user-service.properties");
    }

    /** Returns a profile, from the cache or loaded once across instances; empty for an unknown id (cached as such). */
    Optional<Profile> find(String userId) {
        return Optional.ofNullable(profiles.get(userId, () -> repository.find(userId).orElse(null)));
    }

    /**
     * Stores a new profile and drops what the caches knew before it: the id cached as absent, the
     * searches that would now find it.
     *
     * @return false when its id or user name exists already
     * @throws RedisServiceException when the absent entry could not be evicted (the profile is stored)
     */
    boolean create(Profile profile) {
        if (!repository.insert(profile)) {
            return false;
        }
        profiles.evict(profile.userId());
        newSearchGeneration();
        return true;
    }

    /**
     * Changes a display name and evicts the cached profile before returning, so every later read
     * on every instance sees it.
     *
     * @return the updated profile, or empty when the user has none
     * @throws RedisServiceException when the eviction failed: the change is stored, but readers may
     *         still see the old name until the entry expires, and the caller must not be told success
     */
    Optional<Profile> updateDisplayName(String userId, String displayName) {
        if (!repository.updateDisplayName(userId, displayName)) {
            return Optional.empty();
        }
        profiles.evict(userId);
        newSearchGeneration();
        return repository.find(userId);
    }

    /** Returns the first {@value #SEARCH_LIMIT} profiles whose user name or display name starts with the term, ignoring case. */
    List<Profile> search(String term) {
        String normalized = term.strip().toLowerCase(Locale.ROOT);
        Optional<String> generation = searchGeneration();
        if (generation.isEmpty()) {
            return repository.search(normalized, SEARCH_LIMIT);
        }
        ProfileSearchResult result = searches.get(generation.get() + ":" + normalized,
                () -> new ProfileSearchResult(repository.search(normalized, SEARCH_LIMIT)));
        return result.profiles();
    }

    /** Returns the current search generation; empty when Redis did not answer (the search then bypasses the cache). */
    private Optional<String> searchGeneration() {
        try {
            return Optional.of(redis.get(SEARCH_GENERATION).orElse("0"));
        } catch (RedisServiceException e) {
            // Without the generation a cached result could be older than the last change: read the database.
            log.warn("Search generation unreadable, searching the database: {}", e.toString());
            return Optional.empty();
        }
    }

    private void newSearchGeneration() {
        try {
            redis.incr(SEARCH_GENERATION);
        } catch (RedisServiceException e) {
            // The change is stored and the profile entry evicted; searches may miss it for one search TTL.
            log.warn("Search generation not incremented, searches may be stale for up to their TTL: {}", e.toString());
        }
    }
}
