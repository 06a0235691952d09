package org.chatapp.apps.gateway.route;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.cloud.gateway.server.mvc.predicate.GatewayRequestPredicates.path;

import org.chatapp.apps.common.InternalSecretFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The routes of the public API to the services that own each part of it; {@code /internal/**} of
 * the services is never routed.
 */
@Configuration(proxyBeanMethods = false)
class Routes {

    @Bean
    RouterFunction<ServerResponse> serviceRoutes(@Value("${chatapp.services.auth-uri}") String auth,
            @Value("${chatapp.services.user-uri}") String user, @Value("${chatapp.services.chat-uri}") String chat,
            @Value("${chatapp.services.notification-uri}") String notification, Environment environment) {
        String secret = environment.getProperty(InternalSecretFilter.PROPERTY);
        java.util.function.Function<ServerRequest, ServerRequest> withSecret = request -> secret == null ? request
                : ServerRequest.from(request).headers(h -> h.set(InternalSecretFilter.HEADER, secret)).build();
        return route("auth").route(path("/api/auth/**"), http()).before(uri(auth)).before(withSecret).build()
                .and(route("users").route(path("/api/users", "/api/users/**", "/api/presence"), http()).before(uri(user))
                        .before(withSecret).build())
                .and(route("chat").route(path("/api/conversations", "/api/conversations/**"), http()).before(uri(chat))
                        .before(withSecret).build())
                .and(route("notifications").route(path("/api/notifications", "/api/notifications/**"), http())
                        .before(uri(notification)).before(withSecret).build());
    }
}
