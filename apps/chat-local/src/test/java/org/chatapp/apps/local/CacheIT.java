package org.chatapp.apps.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.chatapp.apps.local.PlatformHttp.Response;
import org.chatapp.apps.local.MessagePlatformClient.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The user and chat services' caches across two platform instances sharing one Redis Cluster and
 * one database, driven through the gateways. Loads are counted by the caches' own meters
 * ({@code chatapp.redis.cache.loads}, tagged {@code cache}): every service context in this JVM binds
 * its meter registry to Micrometer's global one, so the sum over its registries is what both
 * instances loaded from the database.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CacheIT {

    private static ChatLocal platform;
    private static ChatLocal second;
    private static MessagePlatformClient one;
    private static MessagePlatformClient two;

    /**
     * The gateway's own short cache of profiles and searches stays out of the way: these tests are
     * about the services' caches behind it, so every call must reach a service.
     */
    private static final String NO_GATEWAY_CACHE = "--chatapp.gateway.response-cache.enabled=false";

    @BeforeAll
    static void startPlatforms() {
        platform = ChatLocal.start("--server.port=0", NO_GATEWAY_CACHE);
        second = ChatLocal.start(Instances.sharing(platform, "--server.port=0", NO_GATEWAY_CACHE));
        one = new MessagePlatformClient(platform);
        two = new MessagePlatformClient(second);
    }

    @AfterAll
    static void stopPlatforms() throws Exception {
        Instances.closeAll(platform, second);
    }

    // --- profiles

    @Test
    void profileUpdate_onOneInstance_isSeenOnTheOtherAtOnce() {
        User ada = one.user("upd");
        assertThat(displayName(two, ada, ada.userId())).isEqualTo("Name"); // now cached

        Response updated = one.patch("/api/users/me", ada.token(), "{\"displayName\":\"Countess\"}");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(displayName(two, ada, ada.userId())).isEqualTo("Countess");
        assertThat(displayName(one, ada, ada.userId())).isEqualTo("Countess");
    }

    @Test
    void profile_unknownId_isLoadedOnceAndThenCachedAsAbsent() {
        User ada = one.user("absent");
        String unknown = UUID.randomUUID().toString();
        long before = loads("profiles");

        for (int i = 0; i < 10; i++) {
            MessagePlatformClient instance = i % 2 == 0 ? one : two;
            assertThat(instance.get("/api/users/" + unknown, ada.token()).status()).isEqualTo(404);
        }

        assertThat(loads("profiles") - before).isEqualTo(1);
    }

    @Test
    void profile_50ConcurrentReadsOnTwoInstances_loadOnce() throws Exception {
        User ada = one.user("herd");
        User reader = two.user("reader");
        long before = loads("profiles");
        long served = profileReadsServed();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Response>> reads = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                MessagePlatformClient instance = i % 2 == 0 ? one : two;
                reads.add(pool.submit(() -> {
                    start.await();
                    return instance.get("/api/users/" + ada.userId(), reader.token());
                }));
            }
            start.countDown();

            for (Future<Response> read : reads) {
                Response response = read.get(30, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.text()).isEqualTo(200);
                assertThat(response.body().get("username").asString()).isEqualTo(ada.username());
            }
        } finally {
            pool.shutdownNow();
        }
        // Every read reached a user service (each records its request once it has answered), and one loaded.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(profileReadsServed() - served).isEqualTo(50));
        assertThat(loads("profiles") - before).isEqualTo(1);
    }

    @Test
    void search_newUserAfterACachedSearch_isFoundAtOnce() {
        String stem = MessagePlatformClient.unique("srch");
        User ada = one.user(stem.substring(0, 4)); // not matching the stem
        assertThat(usernames(two.get("/api/users?search=" + stem, ada.token()))).isEmpty(); // now cached, empty

        User found = registerAs(one, stem + "x");

        assertThat(usernames(two.get("/api/users?search=" + stem.toUpperCase(java.util.Locale.ROOT), ada.token())))
                .containsExactly(found.username());
    }

    @Test
    void search_displayNameChange_isFoundAtOnce() {
        User ada = one.user("rename");
        String newName = MessagePlatformClient.unique("Zed");
        assertThat(usernames(two.get("/api/users?search=" + newName, ada.token()))).isEmpty(); // now cached, empty

        assertThat(one.patch("/api/users/me", ada.token(), "{\"displayName\":\"" + newName + "\"}").status()).isEqualTo(200);

        assertThat(usernames(two.get("/api/users?search=" + newName, ada.token()))).containsExactly(ada.username());
    }

    // --- conversations and history

    @Test
    void conversation_unknownId_isLoadedOnceAndThenCachedAsAbsent() {
        User ada = one.user("noconv");
        String unknown = UUID.randomUUID().toString();
        long before = loads("conversations");

        for (int i = 0; i < 10; i++) {
            MessagePlatformClient instance = i % 2 == 0 ? one : two;
            assertThat(instance.get("/api/conversations/" + unknown + "/messages", ada.token()).status()).isEqualTo(404);
        }

        assertThat(loads("conversations") - before).isEqualTo(1);
    }

    @Test
    void conversation_nonMember_isRefusedOnBothInstancesFromTheCache() {
        User ada = one.user("owner");
        User eve = two.user("eve");
        String conversation = one.conversation(ada, "Private");
        assertThat(one.history(ada, conversation, 10, null)).isEmpty(); // metadata now cached

        assertThat(one.get("/api/conversations/" + conversation + "/messages", eve.token()).status()).isEqualTo(403);
        assertThat(two.send(eve, conversation, "let me in", "e-1").status()).isEqualTo(403);
    }

    @Test
    void history_readOnTwoInstances_loadsOnceUntilAMessageIsStored() {
        User ada = one.user("hist");
        User bob = two.user("hist");
        String conversation = one.conversation(ada, "Tea", bob.userId());
        String first = one.sent(ada, conversation, "one");
        // The relay, had it taken the message instead of the send, evicts before it deletes the row.
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxPending() == 0);
        long before = loads("recent-messages");

        assertThat(one.history(ada, conversation, 50, null)).containsExactly(first);
        assertThat(two.history(bob, conversation, 50, null)).containsExactly(first);
        assertThat(loads("recent-messages") - before).isEqualTo(1);

        String second = two.sent(bob, conversation, "two");

        assertThat(one.history(ada, conversation, 50, null)).containsExactly(second, first);
        assertThat(loads("recent-messages") - before).isEqualTo(2);
    }

    @Test
    void history_cachedAndThenNewMessages_areNewestFirstOnBothInstances() {
        User ada = one.user("fresh");
        User bob = two.user("fresh");
        String conversation = one.conversation(ada, "Fresh", bob.userId());
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(one.sent(ada, conversation, "m" + i));
        }
        assertThat(two.history(bob, conversation, 2, null)).containsExactly(sent.get(2), sent.get(1));

        for (int i = 3; i < 6; i++) {
            sent.add((i % 2 == 0 ? one : two).sent(i % 2 == 0 ? ada : bob, conversation, "m" + i));
        }

        List<String> newestFirst = new ArrayList<>(sent);
        Collections.reverse(newestFirst);
        assertThat(one.history(ada, conversation, 50, null)).containsExactlyElementsOf(newestFirst);
        assertThat(two.history(bob, conversation, 50, null)).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void history_pagedByBeforePastTheCachedMessages_returnsEveryMessageOnceNewestFirst() {
        User ada = one.user("pages");
        String conversation = one.conversation(ada, "Long");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            sent.add(one.sent(ada, conversation, "p" + i)); // more than the 100 the cache keeps
        }
        List<String> newestFirst = new ArrayList<>(sent);
        Collections.reverse(newestFirst);

        List<String> paged = new ArrayList<>();
        String before = null;
        for (int page = 0; page < 10; page++) {
            List<String> ids = (page % 2 == 0 ? one : two).history(ada, conversation, 40, before);
            if (ids.isEmpty()) {
                break;
            }
            paged.addAll(ids);
            before = ids.get(ids.size() - 1);
        }

        assertThat(paged).containsExactlyElementsOf(newestFirst);
        assertThat(two.history(ada, conversation, 100, null)).containsExactlyElementsOf(newestFirst.subList(0, 100));
        assertThat(one.history(ada, conversation, 100, newestFirst.get(99))).containsExactlyElementsOf(newestFirst.subList(100, 105));
    }

    // --- helpers

    /** Loads of one cache so far, summed over both instances; fails unless both instances' meters are there. */
    private static long loads(String cache) {
        List<FunctionTimer> timers = Metrics.globalRegistry.getRegistries().stream()
                .flatMap(registry -> registry.find("chatapp.redis.cache.loads").tag("cache", cache).functionTimers().stream())
                .toList();
        assertThat(timers).as("meters of cache %s, one per instance", cache).hasSize(2);
        return timers.stream().mapToLong(timer -> (long) timer.count()).sum();
    }

    /** Profile reads the user services of both instances answered so far. */
    private static long profileReadsServed() {
        return Metrics.globalRegistry.getRegistries().stream()
                .flatMap(registry -> registry.find("http.server.requests").tag("uri", "/api/users/{userId}").timers().stream())
                .mapToLong(Timer::count).sum();
    }

    /** Messages whose outbox row is not done yet, as the chat services' gauge counts them. */
    private static double outboxPending() {
        return Metrics.globalRegistry.getRegistries().stream()
                .flatMap(registry -> registry.find("chat.outbox.pending").gauges().stream())
                .mapToDouble(Gauge::value).max().orElseThrow(() -> new AssertionError("no chat.outbox.pending gauge"));
    }

    private static String displayName(MessagePlatformClient instance, User reader, String userId) {
        Response response = instance.get("/api/users/" + userId, reader.token());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body().get("displayName").asString();
    }

    private static List<String> usernames(Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body().valueStream().map(p -> p.get("username").asString()).toList();
    }

    private static User registerAs(MessagePlatformClient instance, String username) {
        Response registered = instance.post("/api/auth/register", null,
                "{\"username\":\"" + username + "\",\"password\":\"secret-pass\",\"displayName\":\"Found\"}");
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        return new User(registered.body().get("userId").asString(), username, null);
    }
}
