package org.chatapp.apps.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.chatapp.apps.common.Platform;
import org.chatapp.apps.local.PlatformHttp.Response;
import org.chatapp.apps.local.MessagePlatformClient.User;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat service's outbox: a message stored while Redis cannot take its events is delivered once
 * Redis answers again. Two platform instances share a Redis Cluster and a database as usual, but
 * the shared client of every service ({@code chatapp.redis.clients.bus.*}: message streams, live
 * events, presence) goes to a Redis server of its own, which the tests pause (SIGSTOP): the
 * gateway's token checks and the caches stay on the cluster and keep answering, only publishing
 * fails.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OutboxIT {

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    /** The lease a send that died leaves on its outbox row here: shorter than the default, so that a test can wait it out. */
    private static final Duration SEND_LEASE = Duration.ofSeconds(4);

    private static LocalRedisStandalone bus;
    private static ChatLocal platform;
    private static ChatLocal second;
    private static MessagePlatformClient one;
    private static MessagePlatformClient two;

    @BeforeAll
    static void startPlatforms() {
        bus = LocalRedis.standalone().start();
        platform = ChatLocal.start(withBus("--server.port=0"));
        second = ChatLocal.start(sharing(platform, "--server.port=0"));
        one = new MessagePlatformClient(platform);
        two = new MessagePlatformClient(second);
    }

    @AfterAll
    static void stopPlatforms() throws Exception {
        Instances.closeAll(bus, platform, second);
    }

    @Test
    void send_whileRedisCannotPublish_isStoredAndDeliveredOnceRedisIsBack() {
        User ada = one.user("out");
        User bob = two.user("off"); // no socket: offline, so the notification service stores a notification
        String conversation = one.conversation(ada, "Outage", bob.userId());
        String messageId;

        bus.node().pause();
        try {
            Response sent = one.send(ada, conversation, "sent during the outage", "o-1");

            assertThat(sent.status()).as(sent.text()).isEqualTo(201);
            messageId = sent.body().get("messageId").asString();
            assertThat(two.history(bob, conversation, 10, null)).containsExactly(messageId);
            assertThat(outboxRows(messageId)).isEqualTo(1);
        } finally {
            bus.node().resume();
        }

        awaitDelivered(bob, conversation, messageId);
    }

    @Test
    void resend_onTheOtherInstanceWhileRedisCannotPublish_returnsTheSameMessageAndOneOutboxRow() {
        User ada = one.user("again");
        User bob = two.user("again");
        String conversation = one.conversation(ada, "Twice", bob.userId());
        String messageId;

        bus.node().pause();
        try {
            Response first = one.send(ada, conversation, "once only", "same-1");
            Response again = two.send(ada, conversation, "once only", "same-1");

            assertThat(again.status()).as(again.text()).isEqualTo(201);
            messageId = first.body().get("messageId").asString();
            assertThat(again.body().get("messageId").asString()).isEqualTo(messageId);
            assertThat(outboxRows(messageId)).isEqualTo(1);
        } finally {
            bus.node().resume();
        }

        awaitDelivered(bob, conversation, messageId);
        assertThat(one.history(ada, conversation, 10, null)).containsExactly(messageId);
    }

    @Test
    void storedMessage_ofAnInstanceThatStoppedBeforePublishing_isPublishedByTheOthers() {
        User ada = one.user("orphan");
        User bob = two.user("orphan");
        String conversation = one.conversation(ada, "Orphan", bob.userId());
        ChatLocal doomed = ChatLocal.start(sharing(platform, "--server.port=0"));
        String messageId;
        try {
            bus.node().pause();
            try {
                Response sent = new MessagePlatformClient(doomed).send(ada, conversation, "left behind", "d-1");
                assertThat(sent.status()).as(sent.text()).isEqualTo(201);
                messageId = sent.body().get("messageId").asString();
            } finally {
                // Gone before Redis is back: only the other instances' relays remain to publish it.
                doomed.close();
                bus.node().resume();
            }
        } finally {
            doomed.close();
        }

        awaitDelivered(bob, conversation, messageId);
    }

    @Test
    void storedMessage_ofASendThatDiedBeforePublishing_isLeftAloneForTheLeaseThenPublishedByTheRelay() {
        User ada = one.user("leased");
        User bob = two.user("leased");
        String conversation = one.conversation(ada, "Leased", bob.userId());

        String messageId = storeAsASendThatDied(conversation, ada.userId(), List.of(ada.userId(), bob.userId()), "held", SEND_LEASE);

        await().during(SEND_LEASE.dividedBy(2)).atMost(SEND_LEASE.minusMillis(500)).until(() -> streamEntries(conversation, messageId) == 0);
        awaitDelivered(bob, conversation, messageId);
    }

    /** Waits until the message is in its stream on the bus, its outbox row is gone, and the offline member has its notification. */
    private static void awaitDelivered(User member, String conversation, String messageId) {
        await().atMost(DELIVERY).untilAsserted(() -> {
            assertThat(streamEntries(conversation, messageId)).isPositive(); // at least once: a retry may have added it twice
            assertThat(outboxRows(messageId)).isZero();
            Response notifications = two.get("/api/notifications", member.token());
            assertThat(notifications.body().valueStream().filter(n -> n.get("messageId").asString().equals(messageId)).count())
                    .isEqualTo(1);
        });
    }

    /** Counts the entries of the conversation's message stream, on the bus server, that carry the message. */
    private static long streamEntries(String conversation, String messageId) {
        List<?> entries = (List<?>) bus.node().command("XRANGE", Platform.BUS_PREFIX + Platform.messageStream(conversation), "-", "+");
        return entries.stream().map(entry -> (List<?>) ((List<?>) entry).get(1)).filter(fields -> {
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                if ("messageId".equals(fields.get(i)) && messageId.equals(fields.get(i + 1))) {
                    return true;
                }
            }
            return false;
        }).count();
    }

    /** Counts the message's rows in the chat service's outbox, read from the shared database. */
    private static long outboxRows(String messageId) {
        try (Connection connection = DriverManager.getConnection(platform.jdbcUrl(), "postgres", "");
                PreparedStatement count = connection.prepareStatement("select count(*) from chat.message_outbox where message_id = ?")) {
            count.setLong(1, Long.parseLong(messageId));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError("the outbox could not be read: " + e, e);
        }
    }

    /**
     * Writes what a send leaves when its instance dies between its commit and its publish: the
     * message and its outbox row, held from the relays for the send's lease. Returns the message id.
     */
    private static String storeAsASendThatDied(String conversation, String sender, List<String> members, String text, Duration lease) {
        try (Connection connection = DriverManager.getConnection(platform.jdbcUrl(), "postgres", "");
                PreparedStatement message = connection.prepareStatement("""
                        insert into chat.messages (conversation_id, sender_id, client_message_id, text)
                        values (?::uuid, ?::uuid, ?, ?) returning id""");
                PreparedStatement outbox = connection.prepareStatement("""
                        insert into chat.message_outbox (message_id, member_ids, next_attempt_at)
                        values (?, ?::uuid[], now() + ? * interval '1 millisecond')""")) {
            message.setString(1, conversation);
            message.setString(2, sender);
            message.setString(3, "died-" + text);
            message.setString(4, text);
            long messageId;
            try (ResultSet id = message.executeQuery()) {
                id.next();
                messageId = id.getLong(1);
            }
            outbox.setLong(1, messageId);
            outbox.setArray(2, connection.createArrayOf("text", members.toArray()));
            outbox.setLong(3, lease.toMillis());
            outbox.executeUpdate();
            return Long.toString(messageId);
        } catch (SQLException e) {
            throw new AssertionError("the message could not be stored: " + e, e);
        }
    }

    private static String[] withBus(String... args) {
        return Stream.concat(Stream.of(args), Stream.of("--chatapp.redis.clients.bus.host=127.0.0.1",
                "--chatapp.redis.clients.bus.port=" + bus.port())).toArray(String[]::new);
    }

    /** Arguments of another instance on the first one's Redis Cluster, database and bus. */
    private static String[] sharing(ChatLocal first, String... args) {
        return withBus(Instances.sharing(first, args));
    }
}
