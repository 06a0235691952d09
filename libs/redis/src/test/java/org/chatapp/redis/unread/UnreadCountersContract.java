package org.chatapp.redis.unread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/** Unread counters against a real server, run by one subclass per topology; each test has ids of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UnreadCountersContract {

    private RedisService redis;
    private UnreadCounters unread;
    private String user;
    private String conversation;

    /** Returns options for the topology under test, without prefix. */
    abstract RedisOptions.Builder topology();

    @BeforeEach
    void nameIds(TestInfo test) {
        if (redis == null) {
            redis = RedisService.create(topology().keyPrefix(getClass().getSimpleName() + "-" + System.nanoTime() + ":").build());
            unread = UnreadCounters.of(redis);
        }
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
    void increment_raisesTheCountOfEachRecipient() {
        unread.increment(conversation, List.of(user + "-a", user + "-b"));
        unread.increment(conversation, List.of(user + "-a"));

        assertThat(unread.count(user + "-a", conversation)).isEqualTo(2);
        assertThat(unread.count(user + "-b", conversation)).isEqualTo(1);
    }

    @Test
    void increment_recipientNamedTwice_countsOnce() {
        unread.increment(conversation, List.of(user, user));

        assertThat(unread.count(user, conversation)).isEqualTo(1);
    }

    @Test
    void increment_manyRecipientsAcrossSlots_countsEveryoneOnce() {
        List<String> members = IntStream.range(0, 700).mapToObj(i -> user + "-" + i).toList();

        unread.increment(conversation, members);

        assertThat(members).allSatisfy(member -> assertThat(unread.count(member, conversation)).as(member).isEqualTo(1));
    }

    @Test
    void increment_blockingCallOnAnEventLoopThread_isRefusedInsteadOfHanging() {
        List<String> members = IntStream.range(0, 50).mapToObj(i -> user + "-" + i).toList();

        assertThat(failureOnAnEventLoop(() -> unread.increment(conversation, members))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void increment_noRecipients_doesNothing() {
        unread.increment(conversation, List.of());

        assertThat(unread.counts(user)).isEmpty();
    }

    @Test
    void counts_returnsEveryUnreadConversationOfTheUser() {
        unread.increment(conversation + "-1", List.of(user));
        unread.increment(conversation + "-2", List.of(user));
        unread.increment(conversation + "-2", List.of(user));
        unread.increment(conversation + "-3", List.of("other-" + user));

        assertThat(unread.counts(user)).isEqualTo(Map.of(conversation + "-1", 1L, conversation + "-2", 2L));
    }

    @Test
    void decrement_belowZero_stopsAtZero_andDropsTheConversation() {
        unread.increment(conversation, List.of(user));
        unread.increment(conversation, List.of(user));

        assertThat(unread.decrement(user, conversation, 5)).isZero();
        assertThat(unread.counts(user)).isEmpty();
    }

    @Test
    void decrement_partly_returnsWhatIsLeft() {
        for (int i = 0; i < 5; i++) {
            unread.increment(conversation, List.of(user));
        }

        assertThat(unread.decrement(user, conversation, 2)).isEqualTo(3);
        assertThat(unread.count(user, conversation)).isEqualTo(3);
    }

    @Test
    void decrement_concurrently_neverGoesBelowZero() throws Exception {
        unread.increment(conversation, List.of(user));
        unread.increment(conversation, List.of(user));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Long>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return unread.decrement(user, conversation, 1);
                }, threads));
            }
            start.countDown();

            List<Long> left = results.stream().map(CompletableFuture::join).sorted().toList();

            assertThat(left).allMatch(n -> n >= 0).contains(1L).containsOnly(0L, 1L);
            assertThat(left.stream().filter(n -> n == 1L)).hasSize(1);
            assertThat(unread.count(user, conversation)).isZero();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void markRead_clearsThatConversationOnly() {
        unread.increment(conversation + "-1", List.of(user));
        unread.increment(conversation + "-2", List.of(user));

        unread.markRead(user, conversation + "-1");

        assertThat(unread.counts(user)).isEqualTo(Map.of(conversation + "-2", 1L));
    }

    @Test
    void count_unknownConversation_isZero() {
        assertThat(unread.count(user, conversation)).isZero();
    }

    @Test
    void increment_keepsTheUsersCountersForTheRetention() {
        unread.increment(conversation, List.of(user));

        assertThat(redis.ttl("unread:" + user)).hasValueSatisfying(ttl -> assertThat(ttl)
                .isBetween(UnreadOptions.DEFAULT_RETENTION.minusSeconds(5), UnreadOptions.DEFAULT_RETENTION));
    }

    @Test
    void badInput_isRejectedNamingTheArgument_andNothingIsCounted() {
        String huge = "x".repeat(UnreadCounters.MAX_ID_LENGTH + 1);

        assertThatIllegalArgumentException().isThrownBy(() -> unread.increment(null, List.of(user)))
                .withMessage("conversationId must not be empty, was null");
        assertThatIllegalArgumentException().isThrownBy(() -> unread.increment(conversation, null))
                .withMessage("recipientIds must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> unread.increment(conversation, Arrays.asList(user, "")))
                .withMessage("recipientIds[1] must not be empty, was ''");
        assertThatIllegalArgumentException().isThrownBy(() -> unread.increment(conversation,
                IntStream.range(0, UnreadCounters.MAX_RECIPIENTS + 1).mapToObj(i -> "u" + i).toList()))
                .withMessage("recipientIds must hold at most 10000 users, held 10001");
        assertThatIllegalArgumentException().isThrownBy(() -> unread.decrement(user, conversation, 0))
                .withMessage("count must be at least 1, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> unread.markRead(huge, conversation))
                .withMessage("userId must be at most 256 characters, was 257 characters");
        assertThatIllegalArgumentException().isThrownBy(() -> unread.count(user, ""));
        assertThatIllegalArgumentException().isThrownBy(() -> unread.counts(null));
        assertThat(unread.counts(user)).isEmpty();
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
