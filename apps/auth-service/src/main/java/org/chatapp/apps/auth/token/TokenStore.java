package org.chatapp.apps.auth.token;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.chatapp.apps.common.Tokens;
import org.chatapp.redis.RedisService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens: 32 random bytes each, stored only as their SHA-256 with the user id and a TTL, so
 * that a copy of Redis reveals no usable token. Each token also names the login session it belongs
 * to (key {@value #SESSION_KEY}{@code <sha256>}, same TTL), so that a logout ends that session.
 * Revoking deletes the token key first; the gateway, which looks tokens up itself, refuses it from
 * then on.
 */
@Component
public class TokenStore {

    /** The key of a token's session id, beside the token's key ({@code token:<sha256>}). */
    static final String SESSION_KEY = "token-session:";

    private final RedisService redis;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    TokenStore(RedisService redis, @Value("${chatapp.auth.token-ttl:24h}") Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("chatapp.auth.token-ttl must be positive, was " + ttl);
        }
        this.redis = redis;
        this.ttl = ttl;
    }

    /** Returns a new token for the user's session, valid for {@link #ttl()}. */
    public String issue(String userId, String sessionId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = Tokens.sha256(token);
        // The two keys hash to different slots, so they cannot be written atomically: the session link
        // first, so that a token that works always leads to its session.
        redis.set(SESSION_KEY + hash, sessionId, ttl);
        redis.set(Tokens.key(token), userId, ttl);
        return token;
    }

    /** Returns the user of a token that is still valid. */
    public Optional<String> userOf(String token) {
        return redis.get(Tokens.key(token));
    }

    /**
     * Revokes a token and returns the id of the session it belonged to, empty when the token was
     * unknown or had expired.
     */
    public Optional<String> revoke(String token) {
        redis.del(Tokens.key(token)); // first: from here on the token is refused everywhere
        String link = SESSION_KEY + Tokens.sha256(token);
        Optional<String> sessionId = redis.get(link);
        redis.del(link);
        return sessionId;
    }

    public Duration ttl() {
        return ttl;
    }
}
