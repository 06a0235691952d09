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
 * that a copy of Redis reveals no usable token. Revoking deletes the key; the gateway, which looks
 * tokens up itself, refuses it from then on.
 */
@Component
public class TokenStore {

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

    /** Returns a new token for the user, valid for {@link #ttl()}. */
    public String issue(String userId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        redis.set(Tokens.key(token), userId, ttl);
        return token;
    }

    /** Returns the user of a token that is still valid. */
    public Optional<String> userOf(String token) {
        return redis.get(Tokens.key(token));
    }

    /** Revokes a token; true when it was valid. */
    public boolean revoke(String token) {
        return redis.del(Tokens.key(token)) > 0;
    }

    public Duration ttl() {
        return ttl;
    }
}
