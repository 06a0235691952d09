package org.chatapp.apps.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses calls to {@code /api/**} and {@code /internal/**} that do not carry the secret the gateway adds ({@value #HEADER}):
 * an inner service trusts {@link Caller#HEADER}, so only the gateway, which checked the token, may
 * reach it. Health endpoints stay open to the platform's probes.
 */
public final class InternalSecretFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Internal-Secret";
    /** The property that turns it on in a service and that the gateway reads to send it. */
    public static final String PROPERTY = "chatapp.internal.secret";

    private final byte[] secret;

    public InternalSecretFilter(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/api/") && !path.startsWith("/internal/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String sent = request.getHeader(HEADER);
        // Constant time: the comparison must not tell how much of a guess was right.
        if (sent == null || !MessageDigest.isEqual(secret, sent.getBytes(StandardCharsets.UTF_8))) {
            ErrorResponses.write(response, 403, "forbidden", "inner services are reached through the gateway");
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    public String toString() {
        return "InternalSecretFilter[secret ****]";
    }
}
