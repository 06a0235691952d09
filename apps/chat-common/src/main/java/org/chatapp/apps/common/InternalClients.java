package org.chatapp.apps.common;

import java.time.Duration;
import org.slf4j.MDC;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * Clients of the other services' HTTP contracts: they send the inner services' secret (when the
 * platform has one) and the current request id, so a call is traced across services.
 */
public final class InternalClients {

    private InternalClients() {
    }

    /** Returns a client of the service at {@code baseUri}. */
    public static RestClient create(String baseUri, Environment environment) {
        String secret = environment.getProperty(InternalSecretFilter.PROPERTY);
        // Plain connections with deadlines: a slow service must not hold its caller's threads for long,
        // and no client thread pool outlives the context.
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(2));
        requests.setReadTimeout(Duration.ofSeconds(10));
        return RestClient.builder().requestFactory(requests).baseUrl(baseUri).requestInterceptor((request, body, execution) -> {
            if (secret != null) {
                request.getHeaders().set(InternalSecretFilter.HEADER, secret);
            }
            String requestId = MDC.get(RequestIdFilter.MDC_KEY);
            if (requestId != null) {
                request.getHeaders().set(RequestIdFilter.HEADER, requestId);
            }
            return execution.execute(request, body);
        }).build();
    }
}
