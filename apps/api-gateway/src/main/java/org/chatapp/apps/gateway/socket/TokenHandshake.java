package org.chatapp.apps.gateway.socket;

import java.util.Map;
import java.util.Optional;
import org.chatapp.apps.gateway.security.TokenLookup;
import org.chatapp.redis.RedisServiceException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/** Refuses the handshake (401, no socket) unless {@code ?token=} is a valid token; keeps its user for the socket. */
@Component
class TokenHandshake implements HandshakeInterceptor {

    static final String USER = "userId";

    private final TokenLookup tokens;

    TokenHandshake(TokenLookup tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        String token = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("token");
        Optional<String> user;
        try {
            user = tokens.userOf(token == null ? null : java.net.URLDecoder.decode(token, java.nio.charset.StandardCharsets.UTF_8));
        } catch (RedisServiceException e) {
            response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            return false;
        }
        if (user.isEmpty()) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        attributes.put(USER, user.get());
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {
    }
}
