package org.chatapp.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.chatapp.apps.local.PlatformHttp.Response;

/** The public HTTP API of one platform instance (its gateway), as the cache and outbox tests call it. */
final class MessagePlatformClient {

    private final PlatformHttp api;

    MessagePlatformClient(ChatLocal platform) {
        this.api = PlatformHttp.at(platform, Duration.ofSeconds(15));
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
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        Response login = post("/api/auth/login", null, "{\"username\":\"" + username + "\",\"password\":\"secret-pass\"}");
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        return new User(registered.body().get("userId").asString(), username, login.body().get("token").asString());
    }

    /** Creates a conversation and returns its id. */
    String conversation(User creator, String title, String... memberIds) {
        String members = memberIds.length == 0 ? "" : "\"" + String.join("\",\"", memberIds) + "\"";
        Response response = post("/api/conversations", creator.token(), "{\"title\":\"" + title + "\",\"memberIds\":[" + members + "]}");
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.body().get("conversationId").asString();
    }

    Response send(User sender, String conversation, String text, String clientMessageId) {
        return post("/api/conversations/" + conversation + "/messages", sender.token(),
                "{\"text\":" + PlatformHttp.JSON.writeValueAsString(text) + ",\"clientMessageId\":\"" + clientMessageId + "\"}");
    }

    /** Sends a message and returns its id, failing unless it was stored. */
    String sent(User sender, String conversation, String text) {
        Response response = send(sender, conversation, text, unique("c-"));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.body().get("messageId").asString();
    }

    /** Returns the ids of a history page, newest first. */
    List<String> history(User reader, String conversation, int limit, String before) {
        Response response = get("/api/conversations/" + conversation + "/messages?limit=" + limit + (before == null ? "" : "&before=" + before),
                reader.token());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body().valueStream().map(m -> m.get("messageId").asString()).toList();
    }

    Response get(String path, String token) {
        return api.get(path, token);
    }

    Response post(String path, String token, String body) {
        return api.post(path, token, body);
    }

    Response patch(String path, String token, String body) {
        return api.patch(path, token, body);
    }
}
