package org.chatapp.apps.chat;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.EnableCaching;

/**
 * The chat service: conversations and messages. Its settings are in {@code chat-service.properties}.
 * Caching is enabled so that the starter makes its {@code CacheManager} on the library's caches.
 */
@SpringBootApplication
@EnableCaching
public class ChatServiceApplication {

    public static final String CONFIG_NAME = "chat-service";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ChatServiceApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
