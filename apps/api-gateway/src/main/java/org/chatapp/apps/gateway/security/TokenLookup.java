package org.chatapp.apps.gateway.security;

import java.util.Optional;
import org.chatapp.apps.common.Platform;
import org.chatapp.apps.common.Tokens;
import org.chatapp.redis.RedisService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Finds the user of a bearer token in the auth service's keys, read through the named client
 * {@code auth} (prefix {@value Platform#AUTH_PREFIX}; a read-only ACL user suffices).
 */
@Component
public class TokenLookup {

    private static final int MAX_TOKEN_LENGTH = 256;

    private final RedisService auth;

    TokenLookup(@Qualifier("auth") RedisService auth) {
        this.auth = auth;
    }

    /** Returns the user of a valid token; empty for an unknown, revoked, expired or absurd one. */
    public Optional<String> userOf(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        return auth.get(Tokens.key(token));
    }
}
