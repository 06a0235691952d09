package org.chatapp.apps.notification;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The notification service. Its settings are in {@code notification-service.properties}. */
@SpringBootApplication
public class NotificationServiceApplication {

    public static final String CONFIG_NAME = "notification-service";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(NotificationServiceApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
