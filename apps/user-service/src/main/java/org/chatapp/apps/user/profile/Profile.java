package org.chatapp.apps.user.profile;

/** A user's public profile, as the API shows it. */
public record Profile(String userId, String username, String displayName) {
}
