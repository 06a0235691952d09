package org.chatapp.bench.chatload;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's public API as a client calls it, through a gateway: register, log in, start a
 * conversation, send a message, open a socket. Setup calls block and fail loudly; a send is
 * asynchronous and reports its status, so that the sender keeps its schedule.
 */
final class ChatApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A logged-in user. The token is a secret: never printed. */
    record Account(String userId, String token) {
        @Override
        public String toString() {
            return "Account[" + userId + "]";
        }
    }

    /**
     * Runs the JDK client's tasks on its selector thread. By default it hands every read to a
     * cached thread pool through a {@code SynchronousQueue}: a park and an unpark per frame, which
     * took half of the load generator's CPU (async-profiler, 6,400 deliveries/s). The tasks it runs
     * here do not block: the receivers record a frame and ask for the next, the sends' callbacks
     * count an answer.
     */
    static final Executor ON_SELECTOR_THREAD = Runnable::run;

    private final JsonMapper json;
    private final HttpClient http;

    ChatApi(JsonMapper json) {
        this.json = json;
        // HTTP/1.1 as browsers talk to the gateway here; the JDK's default would first try an h2c upgrade.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).executor(ON_SELECTOR_THREAD)
                .build();
    }

    Account registerAndLogin(URI gateway, String username, String password) {
        call(gateway, "/api/auth/register", null, Map.of("username", username, "password", password, "displayName", username), 201);
        JsonNode login = call(gateway, "/api/auth/login", null, Map.of("username", username, "password", password), 200);
        return new Account(login.get("userId").asString(), login.get("token").asString());
    }

    /** Returns the new conversation's id; the creator is a member besides {@code memberIds}. */
    String createConversation(URI gateway, Account creator, String title, List<String> memberIds) {
        return call(gateway, "/api/conversations", creator, Map.of("title", title, "memberIds", memberIds), 201).get("conversationId").asString();
    }

    /** Sends a message; completes with the response's status (201 when stored or replayed). */
    CompletableFuture<Integer> send(URI gateway, Account sender, String conversationId, String text, String clientMessageId) {
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/conversations/" + conversationId + "/messages")).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + sender.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("text", text, "clientMessageId", clientMessageId))))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    /** Opens a socket on the gateway for the account; the listener sees every frame. */
    static CompletableFuture<WebSocket> connect(HttpClient client, URI socketBase, Account account, WebSocket.Listener listener) {
        return client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(socketBase.resolve("/ws?token=" + account.token()), listener);
    }

    private JsonNode call(URI gateway, String path, Account caller, Object body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (caller != null) {
            request.header("Authorization", "Bearer " + caller.token());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during POST " + path, e);
        }
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + " (expected " + expected + "): " + response.body());
        }
        return json.readTree(response.body());
    }
}
