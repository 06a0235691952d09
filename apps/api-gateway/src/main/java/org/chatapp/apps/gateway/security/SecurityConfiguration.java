package org.chatapp.apps.gateway.security;

import org.chatapp.redis.ratelimit.RateLimiter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    FilterRegistrationBean<GatewayFilter> gatewayFilter(TokenLookup tokens, @Qualifier("ip") RateLimiter perAddress,
            @Qualifier("user") RateLimiter perUser, @Value("${chatapp.gateway.max-body-bytes:65536}") long maxBodyBytes) {
        FilterRegistrationBean<GatewayFilter> registration =
                new FilterRegistrationBean<>(new GatewayFilter(tokens, perAddress, perUser, maxBodyBytes));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20); // after the request id
        return registration;
    }
}
