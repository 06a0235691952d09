package org.chatapp.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public HTTP API of one platform instance (its gateway), as the cache and outbox tests call it. */
final class MessagePlatformClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    MessagePlatformClient(ChatLocal platform) {
        this.base = "http://127.0.0.1:" + platform.port();
    }

    record Response(int status, String raw, JsonNode body) {
    }

    record User(String userId, String username, String token) {
    }

    static String unique(String stem) {
        return stem + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers a user (display name "Name") and logs in. */
    User user(String stem) {
        String username = unique(stem);
        Response registered = post("/api/auth/register", null,
                "{\"username\":\"" + username + "\",\"password\":\"secret-pass\",\"displayName\":\"Name\"}");
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        Response login = post("/api/auth/login", null, "{\"username\":\"" + username + "\",\"password\":\"secret-pass\"}");
        assertThat(login.status()).as(login.raw()).isEqualTo(200);
        return new User(registered.body().get("userId").asString(), username, login.body().get("token").asString());
    }

    /** Creates a conversation and returns its id. */
    String conversation(User creator, String title, String... memberIds) {
        String members = memberIds.length == 0 ? "" : "\"" + String.join("\",\"", memberIds) + "\"";
        Response response = post("/api/conversations", creator.token(), "{\"title\":\"" + title + "\",\"memberIds\":[" + members + "]}");
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body().get("conversationId").asString();
    }

    Response send(User sender, String conversation, String text, String clientMessageId) {
        return post("/api/conversations/" + conversation + "/messages", sender.token(),
                "{\"text\":" + JSON.writeValueAsString(text) + ",\"clientMessageId\":\"" + clientMessageId + "\"}");
    }

    /** Sends a message and returns its id, failing unless it was stored. */
    String sent(User sender, String conversation, String text) {
        Response response = send(sender, conversation, text, unique("c-"));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body().get("messageId").asString();
    }

    /** Returns the ids of a history page, newest first. */
    List<String> history(User reader, String conversation, int limit, String before) {
        Response response = get("/api/conversations/" + conversation + "/messages?limit=" + limit + (before == null ? "" : "&before=" + before),
                reader.token());
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().valueStream().map(m -> m.get("messageId").asString()).toList();
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

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static Response call(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = contentType.contains("json") && !response.body().isEmpty() ? JSON.readTree(response.body()) : null;
            return new Response(response.statusCode(), response.body(), body);
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }
}
