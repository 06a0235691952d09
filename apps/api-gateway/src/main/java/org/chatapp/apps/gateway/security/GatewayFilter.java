package org.chatapp.apps.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.chatapp.apps.common.Caller;
import org.chatapp.apps.common.ErrorResponses;
import org.chatapp.apps.common.HeaderOverridingRequest;
import org.chatapp.apps.common.InternalSecretFilter;
import org.chatapp.redis.RedisServiceException;
import org.chatapp.redis.ratelimit.RateLimitDecision;
import org.chatapp.redis.ratelimit.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The gateway's checks of {@code /api/**}, in order: body size, rate limit per client address, the
 * bearer token (except register and login), rate limit per user. The caller found is passed on in
 * {@link Caller#HEADER} and the client's address in {@link Caller#ADDRESS_HEADER}; whatever the
 * client put in those, or in the inner secret's header, is dropped.
 */
public final class GatewayFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(GatewayFilter.class);
    private static final Set<String> PUBLIC = Set.of("/api/auth/register", "/api/auth/login");

    private final TokenLookup tokens;
    private final RateLimiter perAddress;
    private final RateLimiter perUser;
    private final long maxBodyBytes;

    public GatewayFilter(TokenLookup tokens, @Qualifier("ip") RateLimiter perAddress, @Qualifier("user") RateLimiter perUser,
            @Value("${chatapp.gateway.max-body-bytes:65536}") long maxBodyBytes) {
        this.tokens = tokens;
        this.perAddress = perAddress;
        this.perUser = perUser;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            ErrorResponses.write(response, 413, "payload_too_large", "the body may be at most " + maxBodyBytes + " bytes");
            return;
        }
        if (limited(perAddress, "ip:" + request.getRemoteAddr(), response)) {
            return;
        }
        HttpServletRequest forwarded = new HeaderOverridingRequest(
                new HeaderOverridingRequest(new BodyLimit(request, maxBodyBytes), InternalSecretFilter.HEADER, null),
                Caller.ADDRESS_HEADER, request.getRemoteAddr());
        if (PUBLIC.contains(request.getRequestURI())) {
            chain.doFilter(new HeaderOverridingRequest(forwarded, Caller.HEADER, null), response);
            return;
        }
        Optional<String> user;
        try {
            user = tokens.userOf(bearer(request));
        } catch (RedisServiceException e) {
            log.warn("Token check failed: {}", e.toString());
            ErrorResponses.write(response, 503, "unavailable", "the token could not be checked, try again");
            return;
        }
        if (user.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            ErrorResponses.write(response, 401, "unauthorized", "a valid bearer token is required");
            return;
        }
        if (limited(perUser, "user:" + user.get(), response)) {
            return;
        }
        chain.doFilter(new HeaderOverridingRequest(forwarded, Caller.HEADER, user.get()), response);
    }

    private static String bearer(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }

    /** Writes a 429 and returns true when the key is over its limit; lets the request through when Redis fails. */
    private static boolean limited(RateLimiter limiter, String key, HttpServletResponse response) throws IOException {
        RateLimitDecision decision;
        try {
            decision = limiter.tryAcquire(key);
        } catch (RedisServiceException e) {
            log.warn("Rate limit not checked, letting the request through: {}", e.toString());
            return false;
        }
        if (decision.allowed()) {
            return false;
        }
        long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        ErrorResponses.write(response, 429, "too_many_requests", "too many requests, retry in " + seconds + " s");
        return true;
    }
}
