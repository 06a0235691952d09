package org.chatapp.apps.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The API gateway, the platform's only public entry. Its settings are in {@code api-gateway.properties}. */
@SpringBootApplication
public class GatewayApplication {

    public static final String CONFIG_NAME = "api-gateway";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(GatewayApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
