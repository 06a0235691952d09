package org.chatapp.apps.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.chatapp.apps.local.PlatformHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform as a user meets it: chat-local started once (a local Redis Cluster, an embedded
 * PostgreSQL, every service), driven only through the gateway's public HTTP and WebSocket API.
 * Each test makes users of its own, so the tests do not depend on each other.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatPlatformIT {

    private static final JsonMapper JSON = PlatformHttp.JSON;
    private static final HttpClient HTTP = PlatformHttp.CLIENT;

    private static ChatLocal platform;
    private static ChatLocal second;
    private static String base;
    private static PlatformHttp api;
    /** The second instance's gateway: the same Redis Cluster and database, services of its own. */
    private static String secondBase;

    /**
     * A PostgreSQL of the machine's to run against instead of the embedded one (CI sets it when
     * one is reachable), such as {@code jdbc:postgresql://127.0.0.1:5432/test}; its user is
     * {@code chat.it.jdbc-user} ({@code postgres} by default).
     */
    private static final String EXTERNAL_DATABASE = System.getProperty("chat.it.jdbc-url");

    @BeforeAll
    static void startPlatforms() {
        String user = System.getProperty("chat.it.jdbc-user", "postgres");
        platform = EXTERNAL_DATABASE == null ? ChatLocal.start("--server.port=0")
                : ChatLocal.start("--server.port=0", "--spring.datasource.url=" + EXTERNAL_DATABASE, "--spring.datasource.username=" + user);
        base = "http://127.0.0.1:" + platform.port();
        api = PlatformHttp.at(base, Duration.ofSeconds(10));
        second = ChatLocal.start(Instances.sharing(platform, "--server.port=0"));
        secondBase = "http://127.0.0.1:" + second.port();
    }

    @AfterAll
    static void stopPlatforms() throws Exception {
        Instances.closeAll(platform, second);
    }

    record User(String userId, String username, String token) {
    }

    // --- auth

    @Test
    void register_newUsername_returns201WithTheProfile() {
        String username = unique("reg");

        Response response = post("/api/auth/register", null, "{\"username\":\"" + username + "\",\"password\":\"secret-pass\",\"displayName\":\"Reg\"}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body().get("username").asString()).isEqualTo(username);
        assertThat(response.body().get("displayName").asString()).isEqualTo("Reg");
        assertThat(response.body().get("userId").asString()).hasSize(36);
    }

    @Test
    void register_takenUsername_returns409() {
        User taken = user("taken");

        Response response = post("/api/auth/register", null, "{\"username\":\"" + taken.username() + "\",\"password\":\"secret-pass\",\"displayName\":\"X\"}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body().get("error").asString()).isEqualTo("conflict");
    }

    @Test
    void login_rightPassword_returnsTokenOfAtLeast128Bits() {
        User ada = user("login");

        Response response = post("/api/auth/login", null, "{\"username\":\"" + ada.username() + "\",\"password\":\"secret-pass\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("userId").asString()).isEqualTo(ada.userId());
        assertThat(response.body().get("expiresInSeconds").asLong()).isPositive();
        assertThat(response.body().get("token").asString().length()).isGreaterThanOrEqualTo(22); // base64 of 16+ bytes
    }

    @Test
    void login_wrongPassword_returns401() {
        User ada = user("wrongpw");

        Response response = post("/api/auth/login", null, "{\"username\":\"" + ada.username() + "\",\"password\":\"not-the-one\"}");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().get("error").asString()).isEqualTo("unauthorized");
    }

    @Test
    void login_storm_returns429WithRetryAfter() {
        User victim = user("storm");
        Response last = null;
        for (int attempt = 0; attempt < 12 && (last == null || last.status() != 429); attempt++) {
            last = post("/api/auth/login", null, "{\"username\":\"" + victim.username() + "\",\"password\":\"guess-" + attempt + "\"}");
        }

        assertThat(last.status()).isEqualTo(429);
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(last.body().get("error").asString()).isEqualTo("too_many_requests");
    }

    @Test
    void logout_token_isRefusedAfterwards() {
        User ada = user("logout");
        assertThat(get("/api/conversations", ada.token()).status()).isEqualTo(200);

        Response logout = post("/api/auth/logout", ada.token(), "");

        assertThat(logout.status()).isEqualTo(204);
        assertThat(get("/api/conversations", ada.token()).status()).isEqualTo(401);
    }

    @Test
    void api_withoutToken_returns401Json() {
        Response response = get("/api/conversations", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().get("error").asString()).isEqualTo("unauthorized");
    }

    @Test
    void api_forgedCallerHeader_isIgnored() throws Exception {
        User ada = user("forger");
        User bob = user("forged");
        String conversation = conversation(bob, "private", ada.userId()).get("conversationId").asString();
        User eve = user("eve");

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/conversations/" + conversation + "/messages"))
                .header("Authorization", "Bearer " + eve.token()).header("X-User-Id", bob.userId()).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    // --- errors

    @Test
    void malformedJson_returns400Json() {
        Response response = post("/api/auth/register", null, "{\"username\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("error").asString()).isEqualTo("malformed_json");
        assertThat(response.body().get("message").asString()).isNotBlank();
    }

    @Test
    void wrongFieldType_returns400() {
        User ada = user("types");

        Response response = post("/api/conversations", ada.token(), "{\"title\":\"t\",\"memberIds\":\"not-a-list\"}");

        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void unknownPath_returns404Json() {
        User ada = user("nopath");

        Response response = get("/api/nothing-here", ada.token());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().get("error").asString()).isEqualTo("not_found");
    }

    @Test
    void unknownConversationId_returns404() {
        User ada = user("noconv");

        Response response = get("/api/conversations/" + UUID.randomUUID() + "/messages", ada.token());

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void unknownMember_returns400() {
        User ada = user("nomember");

        Response response = post("/api/conversations", ada.token(), "{\"title\":\"t\",\"memberIds\":[\"" + UUID.randomUUID() + "\"]}");

        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void hugeBody_returns413() {
        User ada = user("huge");
        String conversation = conversation(ada, "Big").get("conversationId").asString();

        Response response = send(ada, conversation, "x".repeat(100_000), "big-1");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body().get("error").asString()).isEqualTo("payload_too_large");
    }

    @Test
    void hugeChunkedBody_returns413() {
        User ada = user("chunked");
        String conversation = conversation(ada, "Big").get("conversationId").asString();
        byte[] body = ("{\"text\":\"" + "x".repeat(100_000) + "\",\"clientMessageId\":\"c\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        Response response = call(request("/api/conversations/" + conversation + "/messages", ada.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));

        assertThat(response.status()).isEqualTo(413);
        assertThat(get("/api/conversations/" + conversation + "/messages", ada.token()).body().size()).isZero();
    }

    @Test
    void readiness_withRedisUp_isUp() {
        Response response = get("/actuator/health/readiness", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("status").asString()).isEqualTo("UP");
    }

    // --- users

    @Test
    void profileUpdate_isSeenAtOnce() {
        User ada = user("profile");
        assertThat(get("/api/users/" + ada.userId(), ada.token()).body().get("displayName").asString()).isEqualTo("Name");

        Response updated = patch("/api/users/me", ada.token(), "{\"displayName\":\"Countess\"}");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(get("/api/users/" + ada.userId(), ada.token()).body().get("displayName").asString()).isEqualTo("Countess");
    }

    @Test
    void search_byUsernamePrefix_findsTheUser() {
        User ada = user("searchme");

        Response response = get("/api/users?search=" + ada.username(), ada.token());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().valueStream().map(p -> p.get("userId").asString()).toList()).contains(ada.userId());
    }

    // --- conversations and messages

    @Test
    void conversation_create_creatorIsMemberAndListed() {
        User ada = user("conv");
        User bob = user("conv");

        JsonNode created = conversation(ada, "Tea", bob.userId());

        assertThat(created.get("memberIds").valueStream().map(JsonNode::asString).toList()).containsExactlyInAnyOrder(ada.userId(), bob.userId());
        Response listed = get("/api/conversations", bob.token());
        assertThat(listed.body().valueStream().map(c -> c.get("conversationId").asString()).toList())
                .contains(created.get("conversationId").asString());
    }

    @Test
    void message_send_returns201AndHistoryShowsIt() {
        User ada = user("send");
        User bob = user("send");
        String conversation = conversation(ada, "Tea", bob.userId()).get("conversationId").asString();

        Response sent = send(ada, conversation, "hello <b>bob</b>", "c-1");

        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.body().get("senderId").asString()).isEqualTo(ada.userId());
        Response history = get("/api/conversations/" + conversation + "/messages", bob.token());
        assertThat(history.body().get(0).get("text").asString()).isEqualTo("hello <b>bob</b>");
    }

    @Test
    void message_resendSameClientMessageId_returnsTheSameMessageOnce() {
        User ada = user("idem");
        User bob = user("idem");
        String conversation = conversation(ada, "Tea", bob.userId()).get("conversationId").asString();

        Response first = send(ada, conversation, "once", "same-id");
        Response again = send(ada, conversation, "once", "same-id");

        assertThat(again.body().get("messageId").asString()).isEqualTo(first.body().get("messageId").asString());
        assertThat(get("/api/conversations/" + conversation + "/messages", ada.token()).body().size()).isEqualTo(1);
    }

    @Test
    void history_pagedByBefore_returnsOlderMessagesNewestFirst() {
        User ada = user("page");
        String conversation = conversation(ada, "Notes").get("conversationId").asString();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(send(ada, conversation, "m" + i, "p-" + i).body().get("messageId").asString());
        }

        Response newest = get("/api/conversations/" + conversation + "/messages?limit=2", ada.token());
        Response older = get("/api/conversations/" + conversation + "/messages?limit=2&before=" + newest.body().get(1).get("messageId").asString(),
                ada.token());

        assertThat(texts(newest)).containsExactly("m4", "m3");
        assertThat(texts(older)).containsExactly("m2", "m1");
    }

    @Test
    void message_nonMember_returns403() {
        User ada = user("member");
        User eve = user("outsider");
        String conversation = conversation(ada, "Private").get("conversationId").asString();

        Response sent = send(eve, conversation, "let me in", "x-1");
        Response read = get("/api/conversations/" + conversation + "/messages", eve.token());

        assertThat(sent.status()).isEqualTo(403);
        assertThat(read.status()).isEqualTo(403);
        assertThat(sent.body().get("error").asString()).isEqualTo("forbidden");
    }

    @Test
    void unread_countsOthersMessagesAndDropsOnReadMark() {
        User ada = user("unread");
        User bob = user("unread");
        String conversation = conversation(ada, "Tea", bob.userId()).get("conversationId").asString();
        String first = send(ada, conversation, "one", "u-1").body().get("messageId").asString();
        send(ada, conversation, "two", "u-2");
        assertThat(unread(bob, conversation)).isEqualTo(2);
        assertThat(unread(ada, conversation)).isZero();

        Response read = post("/api/conversations/" + conversation + "/read", bob.token(), "{\"messageId\":\"" + first + "\"}");

        assertThat(read.status()).isEqualTo(204);
        assertThat(unread(bob, conversation)).isEqualTo(1);
    }

    // --- live delivery

    @Test
    void websocket_member_receivesMessageCreatedWithinASecond() throws Exception {
        User ada = user("live");
        User bob = user("live");
        String conversation = conversation(ada, "Live", bob.userId()).get("conversationId").asString();
        onReadySocket(bob, (socket, frames) -> {
            long sentAt = System.nanoTime();
            send(ada, conversation, "are you there?", "w-1");

            JsonNode event = frames.awaitType("message.created", Duration.ofSeconds(1));
            assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isLessThan(Duration.ofSeconds(1));
            assertThat(event.get("text").asString()).isEqualTo("are you there?");
            assertThat(event.get("conversationId").asString()).isEqualTo(conversation);
        });
    }

    @Test
    void websocket_typingFrame_reachesTheOtherMember() throws Exception {
        User ada = user("typing");
        User bob = user("typing");
        String conversation = conversation(ada, "Typing", bob.userId()).get("conversationId").asString();
        Frames adaFrames = new Frames();
        Frames bobFrames = new Frames();
        WebSocket adaSocket = connect(ada, adaFrames);
        WebSocket bobSocket = connect(bob, bobFrames);
        try {
            bobFrames.awaitType("ready", Duration.ofSeconds(5));
            adaFrames.awaitType("ready", Duration.ofSeconds(5));

            adaSocket.sendText("{\"type\":\"typing\",\"conversationId\":\"" + conversation + "\"}", true).join();

            JsonNode event = bobFrames.awaitType("typing", Duration.ofSeconds(2));
            assertThat(event.get("userId").asString()).isEqualTo(ada.userId());
        } finally {
            adaSocket.abort();
            bobSocket.abort();
        }
    }

    @Test
    void presence_userWithASocket_isOnlineAndOfflineAfterItCloses() throws Exception {
        User ada = user("here");
        User bob = user("looker");
        Frames frames = new Frames();
        WebSocket socket = connect(ada, frames);
        frames.awaitType("ready", Duration.ofSeconds(5));

        Response online = get("/api/presence?userIds=" + ada.userId(), bob.token());

        assertThat(online.body().get(0).get("online").asBoolean()).isTrue();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode after = get("/api/presence?userIds=" + ada.userId(), bob.token()).body().get(0);
            assertThat(after.get("online").asBoolean()).isFalse();
            assertThat(after.get("lastSeen").asString()).isNotBlank();
        });
    }

    @Test
    void websocket_badToken_isRefusedAtTheHandshake() {
        Throwable failure = HTTP.newWebSocketBuilder().buildAsync(URI.create(base.replace("http", "ws") + "/ws?token=nope"), new Frames())
                .handle((socket, error) -> error).join();

        assertThat(failure).isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode()).isEqualTo(401);
    }

    @Test
    void websocket_badFrame_answersAnErrorAndStaysOpen() throws Exception {
        User ada = user("frames");
        onReadySocket(ada, (socket, frames) -> {
            socket.sendText("this is not json", true).join();

            assertThat(frames.awaitType("error", Duration.ofSeconds(2)).get("message").asString()).isNotBlank();
            socket.sendText("{\"type\":\"ping\"}", true).join();
            frames.awaitType("pong", Duration.ofSeconds(2));
        });
    }

    @Test
    void websocket_frameNearTheSizeLimit_isReadWhole() throws Exception {
        User ada = user("bigframe");
        onReadySocket(ada, (socket, frames) -> {
            // 4,000 characters: within the gateway's limit of 4,096 characters a frame, the size of its socket buffers.
            String big = "{\"type\":\"shout\",\"text\":\"" + "a".repeat(4_000 - 26) + "\"}";

            socket.sendText(big, true).join();

            assertThat(frames.awaitType("error", Duration.ofSeconds(2)).get("message").asString()).contains("unknown frame type");
        });
    }

    @Test
    void notification_offlineMember_getsOne() {
        User ada = user("notify");
        User bob = user("notify");
        String conversation = conversation(ada, "Later", bob.userId()).get("conversationId").asString();

        String messageId = send(ada, conversation, "read me later", "n-1").body().get("messageId").asString();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Response notifications = get("/api/notifications", bob.token());
            assertThat(notifications.body().valueStream().map(n -> n.get("messageId").asString()).toList()).contains(messageId);
        });
        String id = get("/api/notifications", bob.token()).body().get(0).get("notificationId").asString();
        assertThat(post("/api/notifications/" + id + "/read", bob.token(), "").status()).isEqualTo(204);
        assertThat(get("/api/notifications", bob.token()).body().get(0).get("read").asBoolean()).isTrue();
    }

    @Test
    void notification_onlineMember_getsALiveOne() throws Exception {
        User ada = user("notice");
        User bob = user("notice");
        String conversation = conversation(ada, "Now", bob.userId()).get("conversationId").asString();
        onReadySocket(bob, (socket, frames) -> {
            String messageId = send(ada, conversation, "look now", "ln-1").body().get("messageId").asString();

            JsonNode notice = frames.awaitType("notification", Duration.ofSeconds(5));
            assertThat(notice.get("messageId").asString()).isEqualTo(messageId);
            assertThat(notice.get("conversationId").asString()).isEqualTo(conversation);
        });
    }

    @Test
    void notification_busyConversation_isAnnouncedAtMostOncePerInstanceWithinItsWindow() throws Exception {
        User ada = user("busy");
        User bob = user("busy");
        String conversation = conversation(ada, "Busy", bob.userId()).get("conversationId").asString();
        onReadySocket(bob, (socket, frames) -> {
            int messages = 6;
            for (int i = 0; i < messages; i++) {
                send(ada, conversation, "burst " + i, "burst-" + i);
            }

            // Within the five-second window: each of the two instances' notification consumers may tell once.
            List<JsonNode> received = frames.within(Duration.ofSeconds(3));
            assertThat(received.stream().filter(frame -> frame.path("type").asString().equals("message.created"))).hasSize(messages);
            assertThat(received.stream().filter(frame -> frame.path("type").asString().equals("notification")).count()).isBetween(1L, 2L);
        });
    }

    // --- two instances

    @Test
    void twoInstances_messagePostedOnOne_reachesASocketOnTheOtherWithinASecond() throws Exception {
        User ada = user("twoa");
        User bob = user("twob");
        String conversation = conversation(ada, "Across", bob.userId()).get("conversationId").asString();
        Frames frames = new Frames();
        WebSocket socket = HTTP.newWebSocketBuilder()
                .buildAsync(URI.create(secondBase.replace("http", "ws") + "/ws?token=" + bob.token()), frames).join();
        try {
            frames.awaitType("ready", Duration.ofSeconds(5));

            long sentAt = System.nanoTime();
            send(ada, conversation, "across instances", "t-1");

            JsonNode event = frames.awaitType("message.created", Duration.ofSeconds(1));
            assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isLessThan(Duration.ofSeconds(1));
            assertThat(event.get("text").asString()).isEqualTo("across instances");
        } finally {
            socket.abort();
        }
    }

    @Test
    void twoInstances_resendOnTheOther_returnsTheSameMessage() {
        User ada = user("idem2");
        String conversation = conversation(ada, "Twice").get("conversationId").asString();

        Response first = send(ada, conversation, "once only", "both-1");
        Response again = call(HttpRequest.newBuilder(URI.create(secondBase + "/api/conversations/" + conversation + "/messages"))
                .header("Authorization", "Bearer " + ada.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"once only\",\"clientMessageId\":\"both-1\"}")));

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body().get("messageId").asString()).isEqualTo(first.body().get("messageId").asString());
        assertThat(get("/api/conversations/" + conversation + "/messages", ada.token()).body().size()).isEqualTo(1);
    }

    @Test
    void twoInstances_logoutOnOne_revokesTheTokenOnTheOther() {
        User ada = user("logout2");
        HttpRequest.Builder onSecond = HttpRequest.newBuilder(URI.create(secondBase + "/api/conversations"))
                .header("Authorization", "Bearer " + ada.token()).GET();
        assertThat(call(onSecond).status()).isEqualTo(200);

        assertThat(post("/api/auth/logout", ada.token(), "").status()).isEqualTo(204);

        assertThat(call(onSecond).status()).isEqualTo(401);
    }

    @Test
    void page_isServedAtTheRoot() {
        Response page = get("/", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).contains("<html");
    }

    // --- helpers

    private static String unique(String stem) {
        return stem + UUID.randomUUID().toString().substring(0, 8);
    }

    private static User user(String stem) {
        String username = unique(stem);
        Response registered = post("/api/auth/register", null, "{\"username\":\"" + username + "\",\"password\":\"secret-pass\",\"displayName\":\"Name\"}");
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        Response login = post("/api/auth/login", null, "{\"username\":\"" + username + "\",\"password\":\"secret-pass\"}");
        assertThat(login.status()).as(login.raw().body()).isEqualTo(200);
        return new User(registered.body().get("userId").asString(), username, login.body().get("token").asString());
    }

    private static JsonNode conversation(User creator, String title, String... memberIds) {
        String members = String.join("\",\"", memberIds);
        Response response = post("/api/conversations", creator.token(),
                "{\"title\":\"" + title + "\",\"memberIds\":[" + (memberIds.length == 0 ? "" : "\"" + members + "\"") + "]}");
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return response.body();
    }

    private static Response send(User sender, String conversation, String text, String clientMessageId) {
        return post("/api/conversations/" + conversation + "/messages", sender.token(),
                "{\"text\":" + JSON.writeValueAsString(text) + ",\"clientMessageId\":\"" + clientMessageId + "\"}");
    }

    private static long unread(User user, String conversation) {
        return get("/api/conversations", user.token()).body().valueStream()
                .filter(c -> c.get("conversationId").asString().equals(conversation)).findFirst().orElseThrow().get("unreadCount").asLong();
    }

    private static List<String> texts(Response response) {
        return response.body().valueStream().map(m -> m.get("text").asString()).toList();
    }

    /** What a test does on a user's open socket once the gateway has said it is ready. */
    @FunctionalInterface
    private interface OnSocket {
        void run(WebSocket socket, Frames frames) throws Exception;
    }

    /** Opens a socket for the user, waits for its "ready", runs the steps and aborts the socket. */
    private static void onReadySocket(User user, OnSocket steps) throws Exception {
        Frames frames = new Frames();
        WebSocket socket = connect(user, frames);
        try {
            frames.awaitType("ready", Duration.ofSeconds(5));
            steps.run(socket, frames);
        } finally {
            socket.abort();
        }
    }

    private static WebSocket connect(User user, Frames frames) {
        return HTTP.newWebSocketBuilder().buildAsync(URI.create(base.replace("http", "ws") + "/ws?token=" + user.token()), frames).join();
    }

    private static Response get(String path, String token) {
        return api.get(path, token);
    }

    private static Response post(String path, String token, String body) {
        return api.post(path, token, body);
    }

    private static Response patch(String path, String token, String body) {
        return api.patch(path, token, body);
    }

    private static HttpRequest.Builder request(String path, String token) {
        return api.request(path, token);
    }

    private static Response call(HttpRequest.Builder request) {
        return PlatformHttp.call(request);
    }

    /** Collects a socket's text frames. */
    static final class Frames implements WebSocket.Listener {
        private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        /** Returns the first frame of the type within the time, skipping others. */
        JsonNode awaitType(String type, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            for (long left = within.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                JsonNode frame = received.poll(left, TimeUnit.NANOSECONDS);
                if (frame != null && type.equals(frame.path("type").asString())) {
                    return frame;
                }
            }
            throw new AssertionError("no '" + type + "' frame within " + within);
        }

        /** Returns every frame received from now until the time has passed. */
        List<JsonNode> within(Duration time) throws InterruptedException {
            List<JsonNode> frames = new ArrayList<>();
            long deadline = System.nanoTime() + time.toNanos();
            for (long left = time.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                JsonNode frame = received.poll(left, TimeUnit.NANOSECONDS);
                if (frame != null) {
                    frames.add(frame);
                }
            }
            return frames;
        }
    }
}
