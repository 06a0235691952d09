package org.chatapp.apps.auth.session;

import java.util.Optional;
import org.chatapp.apps.auth.token.TokenStore;
import org.chatapp.redis.session.Session;
import org.chatapp.redis.session.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A login is a session in the library's session store (the user, when it began, the client's
 * address and user agent) and the bearer token that stands for it. Logout revokes the token and
 * ends its session. The session lives as long as its token: nothing touches it in between, since the
 * gateway checks tokens without calling this service.
 */
@Component
public class Logins {

    private static final Logger log = LoggerFactory.getLogger(Logins.class);

    private final SessionStore<SessionDetails> sessions;
    private final TokenStore tokens;

    Logins(SessionStore<SessionDetails> sessions, TokenStore tokens) {
        if (sessions.options().ttl().compareTo(tokens.ttl()) < 0) {
            // A session ending before its token would make logout unable to find it.
            throw new IllegalStateException("chatapp.redis.session.ttl (" + sessions.options().ttl()
                    + ") must be at least chatapp.auth.token-ttl (" + tokens.ttl() + ")");
        }
        this.sessions = sessions;
        this.tokens = tokens;
    }

    /** Opens a session for the user and returns its new token. */
    public Login open(String userId, SessionDetails details) {
        Session<SessionDetails> session = sessions.create(userId, details);
        try {
            return new Login(tokens.issue(userId, session.id()), tokens.ttl());
        } catch (RuntimeException e) {
            // No session without a token: nobody could end it before its TTL.
            deleteQuietly(session.id());
            throw e;
        }
    }

    /** Revokes a token and ends its session; returns false when the token was not valid any more. */
    public boolean close(String token) {
        Optional<String> sessionId = tokens.revoke(token);
        sessionId.ifPresent(sessions::delete);
        return sessionId.isPresent();
    }

    private void deleteQuietly(String sessionId) {
        try {
            sessions.delete(sessionId);
        } catch (RuntimeException e) {
            log.warn("A session without a token stays until its TTL: {}", e.toString());
        }
    }
}
