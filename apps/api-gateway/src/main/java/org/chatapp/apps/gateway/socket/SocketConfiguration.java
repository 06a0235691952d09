package org.chatapp.apps.gateway.socket;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class SocketConfiguration implements WebSocketConfigurer {

    /**
     * Tomcat gives every socket, when it opens, a text buffer of this many characters and a binary
     * one of {@link #BINARY_BUFFER_BYTES}, whatever its frames; at each text frame it replaces the
     * text buffer with one of the socket's limit ({@link SocketHandler#MAX_FRAME_CHARS}) if the two
     * differ. With Tomcat's defaults (8,192 characters, 8 KiB) a socket held 24 KiB of buffers until
     * its first frame and 16 KiB after; sized to the limit, 9 KiB from the start.
     */
    static final int TEXT_BUFFER_CHARS = SocketHandler.MAX_FRAME_CHARS;
    /** Binary frames are refused ({@link SocketHandler} takes text only): a small buffer is enough to read one and close. */
    static final int BINARY_BUFFER_BYTES = 1024;

    private final SocketHandler handler;
    private final TokenHandshake handshake;

    SocketConfiguration(SocketHandler handler, TokenHandshake handshake) {
        this.handler = handler;
        this.handshake = handshake;
    }

    @Bean
    static ServletServerContainerFactoryBean socketBuffers() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(TEXT_BUFFER_CHARS);
        container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
        return container;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Same origin as the page; other origins use the token too, which a foreign page does not have.
        registry.addHandler(handler, "/ws").addInterceptors(handshake).setAllowedOriginPatterns("*");
    }
}
