package org.chatapp.apps.gateway.socket;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class SocketConfiguration implements WebSocketConfigurer {

    private final SocketHandler handler;
    private final TokenHandshake handshake;

    SocketConfiguration(SocketHandler handler, TokenHandshake handshake) {
        this.handler = handler;
        this.handshake = handshake;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Same origin as the page; other origins use the token too, which a foreign page does not have.
        registry.addHandler(handler, "/ws").addInterceptors(handshake).setAllowedOriginPatterns("*");
    }
}
