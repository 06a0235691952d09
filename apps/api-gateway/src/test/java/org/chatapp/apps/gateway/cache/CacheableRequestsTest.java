package org.chatapp.apps.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheableRequestsTest {

    private static final String ID = "0b7c3a5e-5f7e-4a43-9d8e-2f1c6f0e9a11";

    @Test
    void keyOf_profile_isTheProfileOfThatId() {
        assertThat(CacheableRequests.keyOf("/api/users/" + ID, Map.of())).isEqualTo("profile:" + ID);
    }

    @Test
    void keyOf_profileInUpperCase_isTheSameKey() {
        assertThat(CacheableRequests.keyOf("/api/users/" + ID.toUpperCase(), Map.of())).isEqualTo("profile:" + ID);
    }

    @Test
    void keyOf_profileWithAQuery_isNotCached() {
        assertThat(CacheableRequests.keyOf("/api/users/" + ID, Map.of("x", new String[] {"1"}))).isNull();
    }

    @Test
    void keyOf_me_isNotCached() {
        assertThat(CacheableRequests.keyOf("/api/users/me", Map.of())).isNull();
    }

    @Test
    void keyOf_search_isTrimmedAndWithoutCase() {
        assertThat(CacheableRequests.keyOf("/api/users", Map.of("search", new String[] {"  Ada "}))).isEqualTo("search:ada");
    }

    @Test
    void keyOf_searchTooLong_isNotCached() {
        assertThat(CacheableRequests.keyOf("/api/users", Map.of("search", new String[] {"a".repeat(65)}))).isNull();
    }

    @Test
    void keyOf_searchRepeatedOrWithOtherParameters_isNotCached() {
        assertThat(CacheableRequests.keyOf("/api/users", Map.of("search", new String[] {"a", "b"}))).isNull();
        assertThat(CacheableRequests.keyOf("/api/users", Map.of("search", new String[] {"a"}, "page", new String[] {"2"}))).isNull();
    }

    @Test
    void keyOf_callerDependentAnswers_areNotCached() {
        assertThat(CacheableRequests.keyOf("/api/conversations", Map.of())).isNull();
        assertThat(CacheableRequests.keyOf("/api/notifications", Map.of())).isNull();
        assertThat(CacheableRequests.keyOf("/api/presence", Map.of("userIds", new String[] {ID}))).isNull();
    }

    @Test
    void tagsOf_search_isTheSearchesTag() {
        assertThat(CacheableRequests.tagsOf("search:ada")).containsExactly(CacheableRequests.SEARCHES);
        assertThat(CacheableRequests.tagsOf("profile:" + ID)).isEmpty();
    }

    @Test
    void invalidationOf_profileUpdate_evictsTheCallersProfileAndEverySearch() {
        CacheableRequests.Invalidation invalidation = CacheableRequests.invalidationOf("PATCH", "/api/users/me", ID);

        assertThat(invalidation.keys()).containsExactly("profile:" + ID);
        assertThat(invalidation.tags()).containsExactly(CacheableRequests.SEARCHES);
    }

    @Test
    void invalidationOf_registration_evictsEverySearch() {
        CacheableRequests.Invalidation invalidation = CacheableRequests.invalidationOf("POST", "/api/auth/register", null);

        assertThat(invalidation.keys()).isEmpty();
        assertThat(invalidation.tags()).isEqualTo(List.of(CacheableRequests.SEARCHES));
    }

    @Test
    void invalidationOf_otherWrites_isNothing() {
        assertThat(CacheableRequests.invalidationOf("POST", "/api/conversations", ID)).isNull();
        assertThat(CacheableRequests.invalidationOf("PATCH", "/api/users/me", null)).isNull();
    }
}
