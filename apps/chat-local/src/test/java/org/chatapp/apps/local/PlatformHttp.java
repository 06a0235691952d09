package org.chatapp.apps.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One platform instance's public HTTP API as the tests call it: JSON bodies, a bearer token when
 * given, and the answer read as JSON when it is JSON. Shared by the end-to-end tests, so that each
 * says what it sends and checks, not how.
 */
final class PlatformHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** One client, and so one connection pool, for every test. */
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: its status, the whole response, and its body read as JSON (null when it is not JSON or empty). */
    record Response(int status, HttpResponse<String> raw, JsonNode body) {

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The body as it came, for assertion messages. */
        String text() {
            return raw.body();
        }
    }

    private final String base;
    private final Duration timeout;
    private final String userAgent;

    private PlatformHttp(String base, Duration timeout, String userAgent) {
        this.base = base;
        this.timeout = timeout;
        this.userAgent = userAgent;
    }

    /** Calls the instance at {@code base} ({@code http://host:port}), each request answered within {@code timeout}. */
    static PlatformHttp at(String base, Duration timeout) {
        return new PlatformHttp(base, timeout, null);
    }

    /** Calls the platform's gateway, each request answered within {@code timeout}. */
    static PlatformHttp at(ChatLocal platform, Duration timeout) {
        return at("http://127.0.0.1:" + platform.port(), timeout);
    }

    /** The same, sending this {@code User-Agent} (which the gateway's request log shows). */
    PlatformHttp withUserAgent(String agent) {
        return new PlatformHttp(base, timeout, agent);
    }

    String base() {
        return base;
    }

    Response get(String path, String token) {
        return call(request(path, token).GET());
    }

    Response post(String path, String token, String body) {
        return call(request(path, token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response patch(String path, String token, String body) {
        return call(request(path, token).header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A request to the path with the timeout, the user agent and the bearer token (none when null). */
    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (userAgent != null) {
            builder.header("User-Agent", userAgent);
        }
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    /** Sends the request; a request that fails to get an answer fails the test. */
    static Response call(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = contentType.contains("json") && !response.body().isEmpty() ? JSON.readTree(response.body()) : null;
            return new Response(response.statusCode(), response, body);
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }
}
