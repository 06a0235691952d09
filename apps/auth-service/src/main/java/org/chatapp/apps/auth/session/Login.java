package org.chatapp.apps.auth.session;

import java.time.Duration;

/**
 * A login that was opened: its bearer token and how long the token lives.
 *
 * @param token the bearer token: a credential, so {@link #toString()} never shows it
 * @param expiresIn how long the token (and its session) lives
 */
public record Login(String token, Duration expiresIn) {

    @Override
    public String toString() {
        return "Login[token ****, expiresIn=" + expiresIn + "]";
    }
}
