package org.chatapp.apps.gateway.openapi;

import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.oas.models.OpenAPI;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/**
 * The OpenAPI description of the whole public API, which springdoc serves at {@code /v3/api-docs}
 * and shows at {@code /swagger-ui.html}, without a token. The gateway has no controllers of its own
 * for the API (it proxies), so the routes are described in {@value #DESCRIPTION}, written after the
 * platform's contract, rather than found by scanning the services.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    static final String DESCRIPTION = "openapi/chat-api.yaml";

    @Bean
    OpenAPI chatApi() {
        return read(new ClassPathResource(DESCRIPTION));
    }

    /**
     * Returns the description in a resource.
     *
     * @throws IllegalStateException when the resource is missing or is not an OpenAPI 3.1 document with paths
     */
    static OpenAPI read(ClassPathResource resource) {
        try (InputStream in = resource.getInputStream()) {
            OpenAPI api = Yaml31.mapper().readValue(in, OpenAPI.class);
            if (api == null || api.getPaths() == null || api.getPaths().isEmpty()) {
                throw new IllegalStateException(resource.getPath() + " describes no paths");
            }
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("the API description " + resource.getPath() + " cannot be read: " + e.getMessage(), e);
        }
    }
}
