package org.chatapp.apps.common;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every service of the platform gets: request ids, the error format, the {@link Caller}
 * parameter and, where {@value InternalSecretFilter#PROPERTY} is set, the inner services' guard.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
public final class ChatCommonAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** The gateway, which sends the secret rather than checks it, sets {@code chatapp.internal.enforce=false}. */
    @Bean
    @ConditionalOnProperty(InternalSecretFilter.PROPERTY)
    @ConditionalOnBooleanProperty(name = "chatapp.internal.enforce", matchIfMissing = true)
    FilterRegistrationBean<InternalSecretFilter> internalSecretFilter(Environment environment) {
        FilterRegistrationBean<InternalSecretFilter> registration =
                new FilterRegistrationBean<>(new InternalSecretFilter(environment.getRequiredProperty(InternalSecretFilter.PROPERTY)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    ApiErrorHandler apiErrorHandler() {
        return new ApiErrorHandler();
    }

    @Bean
    ApiErrorAttributes errorAttributes() {
        return new ApiErrorAttributes();
    }

    @Bean
    WebMvcConfigurer callerParameter() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
