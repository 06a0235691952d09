package org.chatapp.apps.user.profile;

import java.util.List;

/**
 * One search's profiles, the value of the {@code profile-search} cache: a record rather than a bare
 * list, so that the cache stores plain JSON of one type ({@code value-type}) and reads back profiles.
 */
record ProfileSearchResult(List<Profile> profiles) {

    ProfileSearchResult {
        profiles = List.copyOf(profiles);
    }
}
