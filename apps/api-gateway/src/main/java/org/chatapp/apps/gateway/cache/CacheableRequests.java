package org.chatapp.apps.gateway.cache;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which answers the gateway may share for a few seconds, under which cache key, and which writes
 * make them stale. Only answers that are the same for every caller are cached: a profile ({@code GET
 * /api/users/<id>}) and a user search ({@code GET /api/users?search=}). What depends on the caller
 * (conversations, unread counts, messages, notifications) or changes by the second (presence) is
 * never cached. A successful profile update evicts the caller's profile and every search, and a
 * registration every search (a new user may match any of them): the gateway sees both, since every
 * write of the public API passes through it.
 */
final class CacheableRequests {

    /** The tag of every search entry: any profile change or new user may change any search's answer. */
    static final String SEARCHES = "searches";
    /** The user service refuses longer terms: such a search is passed on, and its 400 not cached. */
    static final int MAX_SEARCH = 64;

    private static final Pattern PROFILE = Pattern.compile("/api/users/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

    /** What a successful write makes stale: entries by key and by tag. */
    record Invalidation(List<String> keys, List<String> tags) {
    }

    private CacheableRequests() {
    }

    /**
     * Returns the cache key of a GET whose answer may be shared, or null when it may not.
     *
     * @param parameters the query's parameters, as the servlet request has them
     */
    static String keyOf(String path, Map<String, String[]> parameters) {
        var profile = PROFILE.matcher(path);
        if (profile.matches()) {
            return parameters.isEmpty() ? profileKey(profile.group(1)) : null;
        }
        if (path.equals("/api/users")) {
            String[] search = parameters.get("search");
            if (parameters.size() != 1 || search == null || search.length != 1) {
                return null;
            }
            // As the user service reads it: trimmed, compared without case.
            String term = search[0].strip().toLowerCase(Locale.ROOT);
            return term.length() > MAX_SEARCH ? null : "search:" + term;
        }
        return null;
    }

    /** Returns the tags of an entry, by its key. */
    static List<String> tagsOf(String key) {
        return key.startsWith("search:") ? List.of(SEARCHES) : List.of();
    }

    /**
     * Returns what a write makes stale once it succeeded, or null when it changes nothing cached.
     *
     * @param caller the user the gateway checked, null for the public calls
     */
    static Invalidation invalidationOf(String method, String path, String caller) {
        if (method.equals("PATCH") && path.equals("/api/users/me") && caller != null) {
            return new Invalidation(List.of(profileKey(caller)), List.of(SEARCHES));
        }
        if (method.equals("POST") && path.equals("/api/auth/register")) {
            return new Invalidation(List.of(), List.of(SEARCHES));
        }
        return null;
    }

    private static String profileKey(String userId) {
        return "profile:" + userId.toLowerCase(Locale.ROOT);
    }
}
