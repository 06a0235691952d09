package org.chatapp.apps.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.session.Session;
import org.chatapp.redis.session.SessionStore;
import org.chatapp.apps.local.PlatformHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The auth service's sessions and login limits, and the gateway's OpenAPI description and response
 * cache, seen from outside: two chat-local instances on one Redis Cluster and one database, driven
 * over HTTP. What the services did is read from what they counted (the gateway's cache meters,
 * exposed for this test) and from what Redis holds (the session store, read with the library).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewayAuthIT {

    private static final JsonMapper JSON = PlatformHttp.JSON;
    /** The meters of the gateway's cache are served only when exposed, as here. */
    private static final String METRICS = "--management.endpoints.web.exposure.include=health,metrics";

    private static ChatLocal platform;
    private static ChatLocal second;
    private static String base;
    private static String secondBase;
    /** The auth service's keys, read as the auth service reads them. */
    private static RedisService authRedis;
    private static SessionStore<String> sessions;

    @BeforeAll
    static void startPlatforms() {
        platform = ChatLocal.start("--server.port=0", METRICS);
        base = "http://127.0.0.1:" + platform.port();
        second = ChatLocal.start(Instances.sharing(platform, "--server.port=0", METRICS));
        secondBase = "http://127.0.0.1:" + second.port();
        authRedis = RedisService.create(RedisOptions.builder().nodes(RedisNode.parseList(platform.redisNodes())).keyPrefix("auth:").build());
        sessions = SessionStore.of(authRedis, ValueCodec.string());
    }

    @AfterAll
    static void stopPlatforms() throws Exception {
        Instances.closeAll(platform, second, authRedis);
    }

    record User(String userId, String username, String token) {
    }

    // --- OpenAPI

    @Test
    void openApi_withoutToken_describesEveryPublicRoute() {
        Response docs = call(request(base, "/v3/api-docs", null).GET());

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("openapi").asString()).startsWith("3.1");
        List<String> paths = docs.body().get("paths").propertyNames().stream().toList();
        assertThat(paths).contains("/api/auth/register", "/api/auth/login", "/api/auth/logout", "/api/users/{userId}", "/api/users/me",
                "/api/users", "/api/presence", "/api/conversations", "/api/conversations/{conversationId}/messages",
                "/api/conversations/{conversationId}/read", "/api/conversations/{conversationId}/typing", "/api/notifications",
                "/api/notifications/{notificationId}/read", "/ws");
        assertThat(paths).as("only the public API: no route of the gateway's own").allMatch(path -> path.startsWith("/api/") || path.equals("/ws"));
        JsonNode login = docs.body().get("paths").get("/api/auth/login").get("post");
        assertThat(login.get("responses").propertyNames()).contains("200", "401", "429");
    }

    @Test
    void swaggerUi_withoutToken_isServed() throws Exception {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        HttpResponse<String> page = following.send(request(base, "/swagger-ui.html", null).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("swagger");
    }

    // --- login limits

    @Test
    void login_stormAgainstOneName_returns429WithRetryAfterWhileAnotherUserLogsIn() {
        User victim = user("storm");
        User other = user("calm");
        Response last = null;
        for (int attempt = 0; attempt < 12 && (last == null || last.status() != 429); attempt++) {
            last = login(base, victim.username(), "guess-" + attempt);
        }

        assertThat(last.status()).isEqualTo(429);
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(last.body().get("error").asString()).isEqualTo("too_many_requests");
        assertThat(login(base, other.username(), "secret-pass").status()).isEqualTo(200);
    }

    @Test
    void login_blockedName_isRefusedEvenWithTheRightPasswordOnEveryInstance() {
        User victim = user("locked");
        for (int attempt = 0; attempt < 11; attempt++) {
            login(base, victim.username(), "guess-" + attempt);
        }

        Response right = login(secondBase, victim.username(), "secret-pass");

        assertThat(right.status()).isEqualTo(429);
        assertThat(right.header("Retry-After")).isNotNull();
    }

    @Test
    void login_stormFromAnotherAddress_blocksThatAddressButNotALegitUser() throws IOException {
        User legit = user("legit");
        int status = 0;
        String retryAfter = null;
        // Another user name each time: only the limit per address can stop this storm.
        for (int attempt = 0; attempt < 40 && status != 429; attempt++) {
            String[] answer = loginFrom("127.0.0.2", unique("nobody"), "wrong-password");
            status = Integer.parseInt(answer[0]);
            retryAfter = answer[1];
        }

        assertThat(status).isEqualTo(429);
        assertThat(retryAfter).isNotNull();
        assertThat(loginFrom("127.0.0.2", legit.username(), "secret-pass")[0]).isEqualTo("429");
        assertThat(login(base, legit.username(), "secret-pass").status()).isEqualTo(200);
    }

    // --- sessions

    @Test
    void login_createsASessionWithTheClientsAddressAndUserAgent() {
        User ada = user("session");

        List<String> ids = sessions.sessionIds(ada.userId());

        assertThat(ids).hasSize(1);
        Session<String> session = sessions.get(ids.get(0)).orElseThrow();
        assertThat(session.userId()).isEqualTo(ada.userId());
        JsonNode details = JSON.readTree(session.payload());
        assertThat(details.get("clientAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(details.get("userAgent").asString()).isEqualTo("GatewayAuthIT");
        assertThat(session.expiresAt()).isAfter(session.createdAt().plus(Duration.ofHours(23)));
    }

    @Test
    void logout_endsTheSessionAndTheTokenOnEveryInstance() {
        User ada = user("logout");
        Response otherLogin = login(base, ada.username(), "secret-pass");
        assertThat(sessions.sessionIds(ada.userId())).hasSize(2);

        Response logout = call(request(base, "/api/auth/logout", ada.token()).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(logout.status()).isEqualTo(204);
        assertThat(sessions.sessionIds(ada.userId())).hasSize(1);
        assertThat(get(secondBase, "/api/conversations", ada.token()).status()).isEqualTo(401);
        assertThat(get(secondBase, "/api/conversations", otherLogin.body().get("token").asString()).status()).isEqualTo(200);
    }

    // --- response cache

    @Test
    void profileLookup_again_isServedFromTheCache() {
        User ada = user("cached");
        double fetches = meter("chatapp.redis.cache.loads");
        double hits = meter("chatapp.redis.cache.hits");

        Response first = get(base, "/api/users/" + ada.userId(), ada.token());
        Response again = get(base, "/api/users/" + ada.userId(), ada.token());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("displayName").asString()).isEqualTo("Name");
        assertThat(meter("chatapp.redis.cache.loads") - fetches).isEqualTo(1.0);
        assertThat(meter("chatapp.redis.cache.hits") - hits).isEqualTo(1.0);
        assertThat(first.header("Cache-Control")).isEqualTo("private, max-age=5");
        assertThat(again.header("Cache-Control")).isEqualTo("private, max-age=5");
        assertThat(again.header("Age")).isNotNull();
    }

    @Test
    void unknownProfile_isNotCached() {
        User ada = user("unknown");
        String nobody = "/api/users/" + UUID.randomUUID();
        double hits = meter("chatapp.redis.cache.hits");

        Response first = get(base, nobody, ada.token());
        Response again = get(base, nobody, ada.token());

        assertThat(first.status()).isEqualTo(404);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body().get("error").asString()).isEqualTo("not_found");
        assertThat(meter("chatapp.redis.cache.hits") - hits).isZero();
        assertThat(again.header("Cache-Control")).isNull();
    }

    @Test
    void profileUpdate_onOneInstance_isSeenOnTheOtherWithinASecond() {
        User ada = user("across");
        assertThat(get(secondBase, "/api/users/" + ada.userId(), ada.token()).body().get("displayName").asString()).isEqualTo("Name");
        double hits = meter(secondBase, "chatapp.redis.cache.hits");
        assertThat(get(secondBase, "/api/users/" + ada.userId(), ada.token()).status()).isEqualTo(200);
        assertThat(meter(secondBase, "chatapp.redis.cache.hits") - hits).isEqualTo(1.0); // the old profile is cached there

        Response updated = call(request(base, "/api/users/me", ada.token()).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Countess\"}")));

        assertThat(updated.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(get(secondBase, "/api/users/" + ada.userId(), ada.token()).body().get("displayName").asString()).isEqualTo("Countess"));
    }

    @Test
    void search_cachedThenANewUserRegisters_findsTheNewUser() {
        User ada = user("finder");
        String stem = "zq" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(get(base, "/api/users?search=" + stem, ada.token()).body().size()).isZero();
        assertThat(get(secondBase, "/api/users?search=" + stem, ada.token()).header("Age")).isNotNull(); // cached, shared

        User found = register(stem + "x");

        Response after = get(secondBase, "/api/users?search=" + stem, ada.token());
        assertThat(after.body().valueStream().map(p -> p.get("userId").asString()).toList()).containsExactly(found.userId());
    }

    // --- helpers

    private static String unique(String stem) {
        return stem + UUID.randomUUID().toString().substring(0, 8);
    }

    private static User user(String stem) {
        User registered = register(unique(stem));
        Response login = login(base, registered.username(), "secret-pass");
        assertThat(login.status()).as(login.raw().body()).isEqualTo(200);
        return new User(registered.userId(), registered.username(), login.body().get("token").asString());
    }

    private static User register(String username) {
        Response registered = post(base, "/api/auth/register", "{\"username\":\"" + username + "\",\"password\":\"secret-pass\",\"displayName\":\"Name\"}");
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        return new User(registered.body().get("userId").asString(), username, null);
    }

    private static Response login(String gateway, String username, String password) {
        return post(gateway, "/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    /**
     * Logs in over a connection from another loopback address (Linux routes all of 127/8 to the
     * machine): the gateway sees another client. Returns the status and the {@code Retry-After}.
     */
    private static String[] loginFrom(String localAddress, String username, String password) throws IOException {
        byte[] body = ("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", platform.port()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine().split(" ")[1];
            String retryAfter = null;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.regionMatches(true, 0, "Retry-After:", 0, 12)) {
                    retryAfter = line.substring(12).strip();
                }
            }
            return new String[] {status, retryAfter};
        }
    }

    /** Returns a count of the gateway's response cache, as its meters have it. */
    private static double meter(String name) {
        return meter(base, name);
    }

    private static double meter(String gateway, String name) {
        Response response = get(gateway, "/actuator/metrics/" + name + "?tag=cache:responses", null);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        Optional<JsonNode> count = response.body().get("measurements").valueStream()
                .filter(m -> m.get("statistic").asString().equals("COUNT")).findFirst();
        return count.orElseThrow().get("value").asDouble();
    }

    private static Response get(String gateway, String path, String token) {
        return api(gateway).get(path, token);
    }

    private static Response post(String gateway, String path, String body) {
        return api(gateway).post(path, null, body);
    }

    private static HttpRequest.Builder request(String gateway, String path, String token) {
        return api(gateway).request(path, token);
    }

    /** The gateway's API, as a client that names itself (the session test reads its user agent back). */
    private static PlatformHttp api(String gateway) {
        return PlatformHttp.at(gateway, Duration.ofSeconds(10)).withUserAgent("GatewayAuthIT");
    }

    private static Response call(HttpRequest.Builder request) {
        return PlatformHttp.call(request);
    }
}
