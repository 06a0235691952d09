package org.chatapp.apps.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.chatapp.apps.common.Platform;
import org.chatapp.apps.common.Tokens;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform under a master kill: two chat-local instances on one local Redis Cluster (3 masters,
 * 1 replica each) and one PostgreSQL; Ada on the first, Bob on the second, each with a WebSocket
 * and sending a message every {@value #SEND_EVERY_MS} ms to their conversation. The master that
 * holds their conversation's delivery channel is killed with SIGKILL; the traffic goes on through the failover until
 * delivery has resumed both ways, and Carol, whose token lives on the dead master's slots, signs in
 * on both gateways. The scenario runs once, in {@link #killAMasterWhileTwoUsersChat()}; each test
 * judges one behaviour from what it recorded, and the run prints the outage it measured.
 */
class ChatFailoverIT {

    private static final JsonMapper JSON = PlatformHttp.JSON;
    /** Short, so the failover is quick: a replica takes over about two node timeouts after the kill. */
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);
    private static final long SEND_EVERY_MS = 150; // ~400 sends a minute per user, under the gateway's 600 per user
    /** A send without an answer within this time counts as a hang (Redis commands time out after 2 s). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration PROMOTION_WAIT = Duration.ofSeconds(30);
    /** How soon after the promotion a message sent then must reach the other user's socket. */
    private static final Duration RESUME_BOUND = Duration.ofSeconds(10);
    /** Once delivery has resumed, every message is live again: delivered this soon after its send. */
    private static final Duration LIVE_BOUND = Duration.ofSeconds(1);
    private static final int STEADY_SENDS = 10;
    /** How long the scenario tries a newcomer's token, to measure when it works (judged against RESUME_BOUND). */
    private static final Duration NEWCOMER_WAIT = Duration.ofSeconds(40);

    private static final HttpClient HTTP = PlatformHttp.CLIENT;

    private static LocalRedisCluster cluster;
    private static ChatLocal first;
    private static ChatLocal second;
    private static FailoverChatter ada;
    private static FailoverChatter bob;

    // What the scenario measured, in System.nanoTime()
    private static long killedAt;
    private static long promotedAt;
    private static Long resumedAt; // null: delivery did not resume within RESUME_BOUND after the promotion
    private static List<JsonNode> history;
    private static Long newcomerServedAt; // null: Carol was not served on both gateways within NEWCOMER_WAIT
    private static final List<String> newcomerRefusals = new ArrayList<>();

    @BeforeAll
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    static void killAMasterWhileTwoUsersChat() throws Exception {
        cluster = LocalRedis.cluster().nodeTimeout(NODE_TIMEOUT).start();
        String[] onCluster = {"--server.port=0", "--chatapp.redis.local.enabled=false", "--chatapp.redis.nodes=" + cluster.seedAddresses()};
        first = ChatLocal.start(onCluster);
        second = ChatLocal.start(concat(onCluster, "--spring.datasource.url=" + first.jdbcUrl(), "--spring.datasource.username=postgres"));
        String firstBase = "http://127.0.0.1:" + first.port();
        String secondBase = "http://127.0.0.1:" + second.port();
        // A delivery channel decides the victim, and Ada's and Bob's conversation is put on one of its
        // channels. Their tokens are kept off it, so that no gateway's token client has a connection
        // to the victim when it dies; Carol's token is put on it and first used after the failover:
        // the newcomer every gateway must find on the promoted replica.
        LocalRedisNode victim = masterServing(deliveryKey(Platform.deliveryChannel(0)));
        Account bobAccount = register("bob", secondBase);
        bob = new FailoverChatter("bob", List.of(secondBase, firstBase), bobAccount.userId(),
                logIn(secondBase, bobAccount, token -> !serves(victim, tokenKey(token))), HTTP, REQUEST_TIMEOUT);
        Account adaAccount = register("ada", firstBase);
        ada = new FailoverChatter("ada", List.of(firstBase, secondBase), adaAccount.userId(),
                logIn(firstBase, adaAccount, token -> !serves(victim, tokenKey(token))), HTTP, REQUEST_TIMEOUT);
        String carolToken = logIn(firstBase, register("carol", firstBase), token -> serves(victim, tokenKey(token)));
        String conversation = conversationDeliveredThrough(victim, firstBase);
        ada.openSocket(Duration.ofSeconds(5));
        bob.openSocket(Duration.ofSeconds(5));
        requireBothGatewaysSubscribedOn(victim, conversation);

        ada.startSending(conversation, Duration.ofMillis(SEND_EVERY_MS));
        bob.startSending(conversation, Duration.ofMillis(SEND_EVERY_MS));
        await("live traffic both ways").atMost(Duration.ofSeconds(15))
                .until(() -> deliveredFrom(ada, bob) >= STEADY_SENDS && deliveredFrom(bob, ada) >= STEADY_SENDS);

        killedAt = System.nanoTime();
        victim.kill();
        cluster.awaitPromotion(victim, PROMOTION_WAIT);
        promotedAt = System.nanoTime();
        try {
            await("a message sent after the promotion delivered both ways").atMost(RESUME_BOUND).pollInterval(Duration.ofMillis(10))
                    .until(() -> firstDeliveryAfterPromotion(ada, bob).isPresent() && firstDeliveryAfterPromotion(bob, ada).isPresent());
            resumedAt = Math.max(firstDeliveryAfterPromotion(ada, bob).getAsLong(), firstDeliveryAfterPromotion(bob, ada).getAsLong());
            long resumed = resumedAt;
            await("steady traffic after the resumption").atMost(Duration.ofSeconds(15))
                    .until(() -> sentAfter(ada, resumed) >= STEADY_SENDS && sentAfter(bob, resumed) >= STEADY_SENDS);
        } catch (ConditionTimeoutException notResumed) {
            // Recorded as resumedAt == null, which the delivery tests report; the other tests still judge the run.
        }
        newcomerServedAt = firstServedAt(List.of(firstBase, secondBase), carolToken);
        ada.stopSending();
        bob.stopSending();
        if (resumedAt != null) {
            try {
                // The last sends' events may still be on their way.
                await("the last messages delivered").atMost(LIVE_BOUND.multipliedBy(2))
                        .until(() -> undelivered(ada, bob, resumedAt).isEmpty() && undelivered(bob, ada, resumedAt).isEmpty());
            } catch (ConditionTimeoutException lost) {
                // Judged by masterKill_afterResumption_everyMessageIsDeliveredLive
            }
        }
        history = wholeHistory(firstBase, conversation, bob.token());
        report(victim);
    }

    @AfterAll
    static void stopEverything() {
        for (AutoCloseable part : new AutoCloseable[] {ada, bob, second, first, cluster}) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    System.err.println("stopping " + part + " failed: " + e);
                }
            }
        }
    }

    @Test
    void masterKill_acknowledgedMessages_areAllInHistory() {
        Set<String> stored = history.stream().map(m -> m.get("messageId").asString()).collect(Collectors.toSet());

        for (FailoverChatter chatter : List.of(ada, bob)) {
            List<FailoverChatter.Ack> lost = chatter.acks().stream().filter(ack -> !stored.contains(ack.messageId())).toList();
            assertThat(lost).as("%s's acknowledged messages missing from history", chatter.name()).isEmpty();
        }
        assertThat(ada.acks().size() + bob.acks().size()).as("acknowledged messages").isGreaterThan(4 * STEADY_SENDS);
    }

    @Test
    void masterKill_retriedSends_areStoredOnce() {
        Map<String, Long> copies = history.stream().collect(Collectors.groupingBy(m -> m.get("text").asString(), Collectors.counting()));

        assertThat(copies).as("messages stored more than once").allSatisfy((text, count) -> assertThat(count).as(text).isOne());
    }

    @Test
    void masterKill_failedSends_areJson5xx() {
        for (FailoverChatter chatter : List.of(ada, bob)) {
            for (FailoverChatter.Failure failure : chatter.failures()) {
                String what = chatter.name() + "'s send #" + failure.sequence() + " answered " + failure.status() + " " + failure.body();
                assertThat(failure.status()).as(what).isBetween(500, 599);
                assertThat(failure.contentType()).as(what).contains("json");
                JsonNode body = JSON.readTree(failure.body());
                assertThat(body.path("error").asString()).as(what).isNotBlank();
                assertThat(body.path("message").asString()).as(what).isNotBlank();
            }
        }
    }

    @Test
    void masterKill_everySend_isAnsweredWithinItsTimeout() {
        List<FailoverChatter.Failure> unanswered = new ArrayList<>();
        for (FailoverChatter chatter : List.of(ada, bob)) {
            chatter.failures().stream().filter(f -> f.status() == FailoverChatter.TIMED_OUT || f.status() == FailoverChatter.NO_ANSWER)
                    .forEach(unanswered::add);
        }

        assertThat(unanswered).as("sends without an answer within " + REQUEST_TIMEOUT).isEmpty();
    }

    @Test
    void masterKill_tokenOnThePromotedReplica_isAcceptedByEveryGateway() {
        String refusals = newcomerRefusals.size() + " refusals, first " + newcomerRefusals.stream().limit(2).toList();
        assertThat(newcomerServedAt).as("Carol, whose token lives on the failed master's slots, served by both gateways; %s", refusals)
                .isNotNull();
        assertThat(Duration.ofNanos(newcomerServedAt - promotedAt)).as("from the promotion until Carol was served; %s", refusals)
                .isLessThanOrEqualTo(RESUME_BOUND);
    }

    @Test
    void masterKill_afterPromotion_deliveryResumesOnTheSameSockets() {
        assertThat(resumedAt).as("a message sent after the promotion reached the other user within " + RESUME_BOUND).isNotNull();
        assertThat(Duration.ofNanos(resumedAt - promotedAt)).isLessThanOrEqualTo(RESUME_BOUND);
        assertThat(ada.socketEnd()).as("Ada's socket ended").isNull();
        assertThat(bob.socketEnd()).as("Bob's socket ended").isNull();
    }

    @Test
    void masterKill_afterResumption_everyMessageIsDeliveredLive() {
        assertThat(resumedAt).as("delivery resumed").isNotNull();

        for (FailoverChatter[] pair : new FailoverChatter[][] {{ada, bob}, {bob, ada}}) {
            FailoverChatter sender = pair[0];
            FailoverChatter receiver = pair[1];
            Map<String, Long> arrivals = arrivals(receiver);
            // Each late message as when it was sent and how late it came, for the next one to read a failure.
            List<String> late = sender.acks().stream().filter(ack -> ack.sentAt() > resumedAt)
                    .filter(ack -> !arrivals.containsKey(ack.messageId()) || arrivals.get(ack.messageId()) - ack.sentAt() > LIVE_BOUND.toNanos())
                    .map(ack -> String.format("message %s sent %+d ms from the promotion, acknowledged in %d ms, %s", ack.messageId(),
                            millis(ack.sentAt() - promotedAt), millis(ack.ackedAt() - ack.sentAt()), arrivals.containsKey(ack.messageId())
                                    ? "delivered " + millis(arrivals.get(ack.messageId()) - ack.sentAt()) + " ms after its send" : "not delivered"))
                    .toList();
            assertThat(late).as("%s's messages after the resumption not at %s's socket within %s", sender.name(), receiver.name(), LIVE_BOUND)
                    .isEmpty();
        }
    }

    // --- the scenario's parts

    record Account(String userId, String username) {
    }

    private static Account register(String name, String base) {
        String username = name + UUID.randomUUID().toString().substring(0, 8);
        JsonNode registered = post(base, "/api/auth/register", null,
                "{\"username\":\"" + username + "\",\"password\":\"secret-pass\",\"displayName\":\"" + name + "\"}");
        return new Account(registered.get("userId").asString(), username);
    }

    /** Logs in until a token the test wants comes out (each login makes a new random token) and returns it. */
    private static String logIn(String base, Account account, Predicate<String> wanted) {
        for (int attempt = 0; attempt < 30; attempt++) {
            String token = post(base, "/api/auth/login", null,
                    "{\"username\":\"" + account.username() + "\",\"password\":\"secret-pass\"}").get("token").asString();
            if (wanted.test(token)) {
                return token;
            }
        }
        throw new AssertionError("30 logins of " + account.username() + " gave no token where the test needs it");
    }

    /** Returns the Redis key of a token as the auth service writes it and the gateways read it. */
    private static String tokenKey(String token) {
        return Platform.AUTH_PREFIX + Tokens.key(token);
    }

    private static LocalRedisNode masterServing(String key) {
        return cluster.masters().stream().filter(master -> serves(master, key)).findFirst()
                .orElseThrow(() -> new AssertionError("no master serves " + key));
    }

    /** Whether the node serves the key's slot as a master ({@code CLUSTER SLOTS}). */
    @SuppressWarnings("unchecked")
    private static boolean serves(LocalRedisNode master, String key) {
        long slot = (Long) master.command("CLUSTER", "KEYSLOT", key);
        return ((List<Object>) master.command("CLUSTER", "SLOTS")).stream().map(range -> (List<Object>) range)
                .filter(range -> (Long) ((List<Object>) range.get(2)).get(1) == master.port())
                .anyMatch(range -> slot >= (Long) range.get(0) && slot <= (Long) range.get(1));
    }

    /** Ada's and Bob's conversation, created again until its delivery channel is on the victim. */
    private static String conversationDeliveredThrough(LocalRedisNode victim, String base) throws Exception {
        for (int attempt = 1; attempt <= 100; attempt++) {
            String conversation = post(base, "/api/conversations", ada.token(),
                    "{\"title\":\"Failover\",\"memberIds\":[\"" + bob.userId() + "\"]}").get("conversationId").asString();
            if (serves(victim, deliveryKey(Platform.deliveryChannel(conversation)))) {
                return conversation;
            }
        }
        throw new AssertionError("no conversation of 100 has its delivery channel on " + victim);
    }

    /** The key of a channel of the gateways' bus client, which prefixes channels with {@code bus:events:}. */
    private static String deliveryKey(String channel) {
        return "bus:events:" + channel;
    }

    /**
     * Checks that the victim holds both gateways' sharded subscriptions of the conversation's
     * delivery channel (Redis 7 and later), so that its death cuts the deliveries both ways until
     * the subscriptions move to the promoted replica.
     */
    @SuppressWarnings("unchecked")
    private static void requireBothGatewaysSubscribedOn(LocalRedisNode victim, String conversation) {
        if (redisMajorVersion(victim) >= 7) {
            String channel = deliveryKey(Platform.deliveryChannel(conversation));
            List<Object> subscribers = (List<Object>) victim.command("PUBSUB", "SHARDNUMSUB", channel);
            assertThat((Long) subscribers.get(1)).as("the gateways' sharded subscriptions of " + channel + " on " + victim).isEqualTo(2);
        }
    }

    /**
     * Asks both gateways for Carol's conversations until both answer 200, and returns when; records
     * every refusal. Null when that does not happen within {@link #NEWCOMER_WAIT}.
     */
    private static Long firstServedAt(List<String> bases, String token) {
        try {
            await("Carol served by both gateways").atMost(NEWCOMER_WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                boolean all = true;
                for (String base : bases) {
                    HttpResponse<String> response = HTTP.send(request(base, "/api/conversations", token).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        newcomerRefusals.add(String.format("%+d ms from the promotion, through %s: %d %s",
                                millis(System.nanoTime() - promotedAt), base, response.statusCode(), response.body()));
                        all = false;
                    }
                }
                return all;
            });
            return System.nanoTime();
        } catch (ConditionTimeoutException e) {
            return null;
        }
    }

    private static int redisMajorVersion(LocalRedisNode node) {
        String info = node.info("server");
        int at = info.indexOf("redis_version:") + "redis_version:".length();
        return Integer.parseInt(info.substring(at, info.indexOf('.', at)));
    }

    /** Returns when the receiver first got a message the sender sent after the promotion. */
    private static OptionalLong firstDeliveryAfterPromotion(FailoverChatter sender, FailoverChatter receiver) {
        Set<String> sentAfter = sender.acks().stream().filter(ack -> ack.sentAt() > promotedAt).map(FailoverChatter.Ack::messageId)
                .collect(Collectors.toSet());
        return receiver.deliveries().stream().filter(d -> sentAfter.contains(d.messageId())).mapToLong(FailoverChatter.Delivery::arrivedAt).min();
    }

    private static long deliveredFrom(FailoverChatter sender, FailoverChatter receiver) {
        return receiver.deliveries().stream().filter(d -> d.senderId().equals(sender.userId())).count();
    }

    private static long sentAfter(FailoverChatter sender, long moment) {
        return sender.acks().stream().filter(ack -> ack.sentAt() > moment).count();
    }

    private static List<FailoverChatter.Ack> undelivered(FailoverChatter sender, FailoverChatter receiver, long after) {
        Map<String, Long> arrivals = arrivals(receiver);
        return sender.acks().stream().filter(ack -> ack.sentAt() > after && !arrivals.containsKey(ack.messageId())).toList();
    }

    private static Map<String, Long> arrivals(FailoverChatter receiver) {
        return receiver.deliveries().stream()
                .collect(Collectors.toMap(FailoverChatter.Delivery::messageId, FailoverChatter.Delivery::arrivedAt, Math::min));
    }

    /** Pages through the conversation's history, newest first, 100 at a time. */
    private static List<JsonNode> wholeHistory(String base, String conversation, String token) {
        List<JsonNode> all = new ArrayList<>();
        String before = "";
        while (true) {
            JsonNode page = get(base, "/api/conversations/" + conversation + "/messages?limit=100" + before, token);
            page.valueStream().forEach(all::add);
            if (page.size() < 100) {
                return all;
            }
            before = "&before=" + page.get(page.size() - 1).get("messageId").asString();
        }
    }

    // --- the report

    private static void report(LocalRedisNode victim) {
        StringBuilder out = new StringBuilder("\nchat platform under a master kill (").append(victim)
                .append(", which held Bob's event channel; cluster-node-timeout ").append(NODE_TIMEOUT.toMillis()).append(" ms):\n");
        out.append(String.format("  replica promoted %d ms after the kill; delivery both ways resumed %s%n", millis(promotedAt - killedAt),
                resumedAt == null ? "NOT within " + RESUME_BOUND.toMillis() + " ms of the promotion"
                        : millis(resumedAt - killedAt) + " ms after the kill (" + millis(resumedAt - promotedAt) + " ms after the promotion)"));
        for (FailoverChatter[] pair : new FailoverChatter[][] {{ada, bob}, {bob, ada}}) {
            FailoverChatter sender = pair[0];
            FailoverChatter receiver = pair[1];
            List<FailoverChatter.Failure> failures = sender.failures();
            Map<Integer, Long> statuses = failures.stream().collect(Collectors.groupingBy(FailoverChatter.Failure::status, TreeMap::new,
                    Collectors.counting()));
            long slowest = maxMillis(sender.acks(), ack -> ack.ackedAt() - ack.sentAt());
            long slowestFailure = maxMillis(failures, f -> f.answeredAt() - f.sentAt());
            List<Long> arrivals = receiver.deliveries().stream().filter(d -> d.senderId().equals(sender.userId()))
                    .map(FailoverChatter.Delivery::arrivedAt).toList();
            out.append(String.format("  %s -> %s: %d acknowledged, %d failed attempts %s; longest time without an acknowledged send %d ms;"
                            + " slowest answer %d ms (acknowledged) / %d ms (failed); %d delivered live, longest time without a delivery %d ms%n",
                    sender.name(), receiver.name(), sender.acks().size(), failures.size(), statuses, longestGap(sender.acks().stream()
                            .map(FailoverChatter.Ack::ackedAt).toList()), slowest, slowestFailure, arrivals.size(), longestGap(arrivals)));
            failures.forEach(f -> out.append(String.format("      %+6d ms from the promotion, through %s: %d %s%n", millis(f.sentAt() - promotedAt),
                    f.base(), f.status(), f.body())));
        }
        out.append(String.format("  Carol (token on the failed master's slots, first used after the failover): %s%n",
                newcomerServedAt == null ? "NOT served on both gateways within " + NEWCOMER_WAIT.toSeconds() + " s"
                        : "served on both gateways " + millis(newcomerServedAt - promotedAt) + " ms after the promotion"));
        newcomerRefusals.stream().limit(5).forEach(refusal -> out.append("      ").append(refusal).append('\n'));
        if (newcomerRefusals.size() > 5) {
            out.append("      ... ").append(newcomerRefusals.size() - 5).append(" more refusals\n");
        }
        out.append(String.format("  history: %d messages%n", history.size()));
        System.out.println(out);
    }

    private static <T> long maxMillis(List<T> items, java.util.function.ToLongFunction<T> nanos) {
        return items.stream().mapToLong(nanos).max().stream().map(ChatFailoverIT::millis).findFirst().orElse(0);
    }

    private static long longestGap(List<Long> moments) {
        List<Long> sorted = moments.stream().sorted().toList();
        long longest = 0;
        for (int i = 1; i < sorted.size(); i++) {
            longest = Math.max(longest, sorted.get(i) - sorted.get(i - 1));
        }
        return millis(longest);
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    // --- HTTP

    private static JsonNode post(String base, String path, String token, String body) {
        return succeeded(PlatformHttp.at(base, REQUEST_TIMEOUT).post(path, token, body));
    }

    private static JsonNode get(String base, String path, String token) {
        return succeeded(PlatformHttp.at(base, REQUEST_TIMEOUT).get(path, token));
    }

    private static HttpRequest.Builder request(String base, String path, String token) {
        return PlatformHttp.at(base, REQUEST_TIMEOUT).request(path, token);
    }

    private static JsonNode succeeded(PlatformHttp.Response response) {
        assertThat(response.status()).as(response.text()).isBetween(200, 299);
        return response.body();
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
