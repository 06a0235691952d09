package org.chatapp.apps.user;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.EnableCaching;

/**
 * The user service: profiles, search, presence. Its settings are in {@code user-service.properties}.
 * Caching is enabled so that the starter makes its {@code CacheManager} on the library's caches.
 */
@SpringBootApplication
@EnableCaching
public class UserServiceApplication {

    public static final String CONFIG_NAME = "user-service";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(UserServiceApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
