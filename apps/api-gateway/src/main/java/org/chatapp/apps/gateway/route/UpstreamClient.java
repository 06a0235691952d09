package org.chatapp.apps.gateway.route;

import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/**
 * The HTTP client the routes proxy through: Apache HttpClient's classic, blocking client with one
 * pool of kept-alive connections to the services, used on the request's own thread.
 *
 * <p>Why not the default: without a client library on the class path, Spring Cloud Gateway proxies
 * through the JDK's {@code HttpClient}, and Spring's factory for it, given a client without an
 * executor, writes every request body from a new {@code SimpleAsyncTaskExecutor} thread, while the
 * JDK client hands every response to a worker of its own pool: about two threads started per
 * proxied send, and thread switches on every call. Measured with {@code bench/chat-load}
 * (docs/benchmarks.md, "Chat load"): 1,834 threads started in 20 s at 50 messages/s before, none after.
 *
 * <p>The proxy passes the services' answers on as they are: no redirects followed, no decompression,
 * no cookies kept. Spring Cloud Gateway's proxy client takes the context's {@code
 * ClientHttpRequestFactory}, this one, when there is one.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamClient {

    /** The services the routes lead to (auth, users, chat, notifications). */
    private static final int SERVICES = 4;

    @Bean(destroyMethod = "destroy")
    HttpComponentsClientHttpRequestFactory upstreamRequests(
            @Value("${chatapp.gateway.upstream.max-connections:${server.tomcat.threads.max:200}}") int maxConnections,
            @Value("${chatapp.gateway.upstream.connect-timeout:2s}") Duration connectTimeout,
            @Value("${chatapp.gateway.upstream.read-timeout:30s}") Duration readTimeout) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("chatapp.gateway.upstream.max-connections must be at least 1, was " + maxConnections);
        }
        // As many connections per service as request threads: a request never waits for a connection.
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxConnections * SERVICES)
                .setMaxConnPerRoute(maxConnections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(readTimeout))
                        .build())
                .build();
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .build();
        return new HttpComponentsClientHttpRequestFactory(client);
    }
}
