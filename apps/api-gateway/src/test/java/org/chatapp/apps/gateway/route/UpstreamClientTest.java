package org.chatapp.apps.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

class UpstreamClientTest {

    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private HttpServer service;
    private HttpComponentsClientHttpRequestFactory requests;

    @BeforeEach
    void start() throws IOException {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/echo", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().set("Location", "/echo");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        service.start();
        requests = new UpstreamClient().upstreamRequests(8, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws Exception {
        requests.destroy();
        service.stop(0);
    }

    @Test
    void upstreamRequests_successivePosts_reuseOneConnection() throws IOException {
        for (int i = 0; i < 5; i++) {
            assertThat(post("/echo", "message " + i)).isEqualTo("201 message " + i);
        }

        assertThat(clientPorts).hasSize(1);
    }

    @Test
    void upstreamRequests_redirect_isPassedOnNotFollowed() throws IOException {
        assertThat(post("/moved", "x")).isEqualTo("302 ");
    }

    private String post(String path, String body) throws IOException {
        URI uri = URI.create("http://127.0.0.1:" + service.getAddress().getPort() + path);
        ClientHttpRequest request = requests.createRequest(uri, HttpMethod.POST);
        request.getBody().write(body.getBytes(StandardCharsets.UTF_8));
        try (ClientHttpResponse response = request.execute(); InputStream in = response.getBody()) {
            return response.getStatusCode().value() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
