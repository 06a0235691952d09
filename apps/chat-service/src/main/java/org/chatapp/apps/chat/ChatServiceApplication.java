package org.chatapp.apps.chat;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The chat service: conversations and messages. Its settings are in {@code chat-service.properties}. */
@SpringBootApplication
public class ChatServiceApplication {

    public static final String CONFIG_NAME = "chat-service";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ChatServiceApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
