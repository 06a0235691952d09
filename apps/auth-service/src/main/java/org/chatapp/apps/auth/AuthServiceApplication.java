package org.chatapp.apps.auth;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The auth service: accounts, passwords, tokens. Its settings are in {@code auth-service.properties}. */
@SpringBootApplication
public class AuthServiceApplication {

    /** The name of its properties file: one per service, so that services share a JVM without sharing settings. */
    public static final String CONFIG_NAME = "auth-service";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(AuthServiceApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
