package org.chatapp.redis.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.chatapp.redis.TestClock;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.local.LocalRedisNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * Presence against a real server, run by one subclass per topology. The service's clock is a
 * {@link TestClock}: connection expiry, last-seen and typing are tested by moving it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PresenceContract {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration CONNECTION_TTL = PresenceOptions.DEFAULT_CONNECTION_TTL;

    private final TestClock clock = new TestClock(START);
    private final List<TypingEvent> events = new CopyOnWriteArrayList<>();
    private RedisService redis;
    private Presence presence;
    private String user;
    private String conversation;

    /** Returns options for the topology under test, without prefix or clock. */
    abstract RedisOptions.Builder topology();

    /** Returns the masters, whose commands the batch test counts. */
    abstract List<LocalRedisNode> masters();

    @BeforeEach
    void startClockAndNameIds(TestInfo test) {
        if (redis == null) {
            redis = RedisService.create(topology().keyPrefix(getClass().getSimpleName() + "-" + System.nanoTime() + ":")
                    .clock(clock).build());
            presence = Presence.of(redis, PresenceOptions.defaults(), events::add);
        }
        clock.set(START);
        events.clear();
        String name = test.getTestMethod().orElseThrow().getName();
        user = "user-" + name;
        conversation = "conversation-" + name;
    }

    @AfterAll
    void closeService() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void heartbeat_firstConnection_bringsTheUserOnline() {
        assertThat(presence.heartbeat(user, "phone")).isTrue();

        assertThat(presence.presence(user)).isEqualTo(new UserPresence(user, 1, Optional.of(START)));
    }

    @Test
    void heartbeat_secondDeviceOrRepeat_doesNotReportComingOnline() {
        presence.heartbeat(user, "phone");
        clock.advance(Duration.ofSeconds(10));

        assertThat(presence.heartbeat(user, "laptop")).isFalse();
        assertThat(presence.heartbeat(user, "phone")).isFalse();
        assertThat(presence.presence(user).connections()).isEqualTo(2);
    }

    @Test
    void severalDevices_userStaysOnlineWhileAnyHeartbeatIsLive() {
        presence.heartbeat(user, "phone");
        clock.advance(Duration.ofSeconds(40));
        presence.heartbeat(user, "laptop");

        clock.set(START.plus(CONNECTION_TTL).plusSeconds(10));
        UserPresence laptopOnly = presence.presence(user);
        clock.set(START.plusSeconds(40).plus(CONNECTION_TTL));
        UserPresence none = presence.presence(user);

        assertThat(laptopOnly).isEqualTo(new UserPresence(user, 1, Optional.of(START.plusSeconds(40))));
        assertThat(none).isEqualTo(new UserPresence(user, 0, Optional.of(START.plusSeconds(40))));
        assertThat(none.online()).isFalse();
    }

    @Test
    void heartbeat_afterEveryConnectionLapsed_bringsTheUserOnlineAgain() {
        presence.heartbeat(user, "phone");
        clock.advance(CONNECTION_TTL);

        assertThat(presence.heartbeat(user, "phone")).isTrue();
    }

    @Test
    void heartbeat_prunesLapsedConnections() {
        for (int i = 0; i < 20; i++) {
            presence.heartbeat(user, "tab-" + i);
        }
        clock.advance(CONNECTION_TTL);

        presence.heartbeat(user, "tab-new");

        assertThat(redis.hashes().size("presence:user:" + user)).as("tab-new and seen").isEqualTo(2);
    }

    @Test
    void disconnect_oneOfTwoDevices_keepsTheUserOnline() {
        presence.heartbeat(user, "phone");
        presence.heartbeat(user, "laptop");

        assertThat(presence.disconnect(user, "phone")).isFalse();
        assertThat(presence.presence(user).online()).isTrue();
    }

    @Test
    void disconnect_lastDevice_takesTheUserOfflineAndRecordsLastSeen() {
        presence.heartbeat(user, "phone");
        clock.advance(Duration.ofSeconds(15));

        assertThat(presence.disconnect(user, "phone")).isTrue();
        assertThat(presence.presence(user)).isEqualTo(new UserPresence(user, 0, Optional.of(START.plusSeconds(15))));
    }

    @Test
    void disconnect_ofALapsedConnection_doesNotReportGoingOffline() {
        presence.heartbeat(user, "phone");
        clock.advance(CONNECTION_TTL.plusSeconds(1));

        assertThat(presence.disconnect(user, "phone")).isFalse();
    }

    @Test
    void presence_unknownUser_isOfflineWithoutLastSeen() {
        assertThat(presence.presence(user)).isEqualTo(new UserPresence(user, 0, Optional.empty()));
    }

    @Test
    void heartbeat_keyLivesForTheLastSeenRetention() {
        presence.heartbeat(user, "phone");

        assertThat(redis.ttl("presence:user:" + user)).hasValueSatisfying(ttl -> assertThat(ttl)
                .isBetween(PresenceOptions.DEFAULT_LAST_SEEN_RETENTION.minusSeconds(5), PresenceOptions.DEFAULT_LAST_SEEN_RETENTION));
    }

    @Test
    void presence_manyUsersAcrossSlots_answersEachInTheAskedOrder() {
        List<String> users = users(200);
        for (int i = 0; i < users.size(); i += 2) {
            presence.heartbeat(users.get(i), "c");
        }
        List<String> asked = new ArrayList<>(users);
        Collections.shuffle(asked, new java.util.Random(7));
        asked.add(asked.get(0));

        Map<String, UserPresence> answers = presence.presence(asked);

        assertThat(answers.keySet()).containsExactlyElementsOf(asked.subList(0, asked.size() - 1));
        for (int i = 0; i < users.size(); i++) {
            assertThat(answers.get(users.get(i)).online()).as(users.get(i)).isEqualTo(i % 2 == 0);
        }
    }

    @Test
    void presence_manyUsers_readsEachUserOnceWithoutAScript() {
        List<String> users = users(300);
        presence.presence(users);
        long scriptsBefore = masterCalls("evalsha") + masterCalls("eval");
        long readsBefore = masterCalls("hgetall");

        presence.presence(users);

        assertThat(masterCalls("hgetall") - readsBefore).isEqualTo(users.size());
        assertThat(masterCalls("evalsha") + masterCalls("eval") - scriptsBefore).isZero();
    }

    @Test
    void presenceAsync_answersLikeTheBlockingCall() {
        List<String> users = users(50);
        presence.heartbeat(users.get(3), "c");

        Map<String, UserPresence> answers = presence.presenceAsync(users).toCompletableFuture().join();

        assertThat(answers).isEqualTo(presence.presence(users));
        assertThat(answers.get(users.get(3)).online()).isTrue();
    }

    @Test
    void presence_blockingCallOnAnEventLoopThread_isRefusedInsteadOfHanging() {
        List<String> users = users(50);

        assertThat(failureOnAnEventLoop(() -> presence.presence(users))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void presence_emptyCollection_isAnEmptyMap() {
        assertThat(presence.presence(List.of())).isEmpty();
    }

    @Test
    void typing_firstCall_announcesStart_repeatsDoNot() {
        presence.typing(conversation, user);
        clock.advance(Duration.ofSeconds(2));
        presence.typing(conversation, user);

        assertThat(events).containsExactly(new TypingEvent(conversation, user, true, START.plus(PresenceOptions.DEFAULT_TYPING_TTL)));
    }

    @Test
    void typingIn_listsTheUsersTypingNow_untilTheirIndicatorLapses() {
        presence.typing(conversation, "ada");
        clock.advance(Duration.ofSeconds(3));
        presence.typing(conversation, "bob");

        assertThat(presence.typingIn(conversation)).containsExactly("ada", "bob");
        clock.advance(Duration.ofSeconds(2));
        assertThat(presence.typingIn(conversation)).containsExactly("bob");
    }

    @Test
    void typing_afterTheIndicatorLapsed_announcesAgain() {
        presence.typing(conversation, user);
        clock.advance(PresenceOptions.DEFAULT_TYPING_TTL);

        presence.typing(conversation, user);

        assertThat(events).hasSize(2).allMatch(TypingEvent::typing);
    }

    @Test
    void stoppedTyping_whileTyping_announcesStop_andRemovesTheIndicator() {
        presence.typing(conversation, user);
        clock.advance(Duration.ofSeconds(1));

        presence.stoppedTyping(conversation, user);

        assertThat(events).last().isEqualTo(new TypingEvent(conversation, user, false, START.plusSeconds(1)));
        assertThat(presence.typingIn(conversation)).isEmpty();
    }

    @Test
    void stoppedTyping_whenNotTyping_announcesNothing() {
        presence.stoppedTyping(conversation, user);

        assertThat(events).isEmpty();
    }

    @Test
    void typing_redisDropsTheIndicatorKeyByItself() {
        Presence brief = Presence.of(redis, PresenceOptions.defaults().withNamespace("brief").withTypingTtl(Duration.ofMillis(200)),
                TypingListener.NONE);

        brief.typing(conversation, user);

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> redis.exists("brief:typing:" + conversation) == 0);
    }

    @Test
    void typing_listenerThatThrows_doesNotReachTheCaller() {
        Presence failing = Presence.of(redis, PresenceOptions.defaults(), event -> {
            throw new IllegalStateException("pub/sub down");
        });

        failing.typing(conversation, user);

        assertThat(failing.typingIn(conversation)).containsExactly(user);
    }

    @Test
    void badInput_isRejectedNamingTheArgument() {
        String huge = "x".repeat(Presence.MAX_ID_LENGTH + 1);

        assertThatIllegalArgumentException().isThrownBy(() -> presence.heartbeat(null, "c")).withMessage("userId must not be empty, was null");
        assertThatIllegalArgumentException().isThrownBy(() -> presence.heartbeat(user, "")).withMessage("connectionId must not be empty, was ''");
        assertThatIllegalArgumentException().isThrownBy(() -> presence.disconnect(user, huge))
                .withMessage("connectionId must be at most 256 characters, was 257 characters");
        assertThatIllegalArgumentException().isThrownBy(() -> presence.presence((String) null));
        assertThatIllegalArgumentException().isThrownBy(() -> presence.presence((List<String>) null)).withMessage("userIds must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> presence.presence(java.util.Arrays.asList("a", "b", null)))
                .withMessage("userIds[2] must not be empty, was null");
        assertThatIllegalArgumentException().isThrownBy(() -> presence.presence(users(Presence.MAX_USERS_PER_QUERY + 1)))
                .withMessage("userIds must hold at most 10000 users, held 10001");
        assertThatThrownBy(() -> presence.presenceAsync(List.of("")).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThatIllegalArgumentException().isThrownBy(() -> presence.typing("", user)).withMessage("conversationId must not be empty, was ''");
        assertThatIllegalArgumentException().isThrownBy(() -> presence.stoppedTyping(conversation, null));
        assertThatIllegalArgumentException().isThrownBy(() -> presence.typingIn(huge));
        assertThatIllegalArgumentException().isThrownBy(() -> Presence.of(redis, PresenceOptions.defaults(), null))
                .withMessage("typingListener must not be null; use TypingListener.NONE for none");
        assertThat(presence.presence(user).lastSeen()).isEmpty();
    }

    /** Returns how often the masters ran {@code command}, from their command statistics. */
    private long masterCalls(String command) {
        long total = 0;
        for (LocalRedisNode master : masters()) {
            for (String line : master.info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_" + command + ":")) {
                    total += Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(',')));
                }
            }
        }
        return total;
    }

    /**
     * Runs a blocking call in a callback of an async call and returns what it threw (null for
     * nothing). A reply that arrives before the callback is attached runs the callback on this
     * thread instead of the event loop; such attempts are repeated.
     */
    private Throwable failureOnAnEventLoop(Runnable blockingCall) {
        Thread testThread = Thread.currentThread();
        for (int attempt = 0; attempt < 100; attempt++) {
            CompletableFuture<Boolean> ranOnEventLoop = redis.getAsync("any").thenApply(value -> {
                if (Thread.currentThread() == testThread) {
                    return false;
                }
                blockingCall.run();
                return true;
            }).toCompletableFuture();
            try {
                if (ranOnEventLoop.join()) {
                    return null;
                }
            } catch (CompletionException e) {
                return e.getCause();
            }
        }
        throw new IllegalStateException("no callback ran on an event loop in 100 attempts");
    }

    private List<String> users(int count) {
        return IntStream.range(0, count).mapToObj(i -> user + "-" + i).toList();
    }
}
