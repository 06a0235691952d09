package org.chatapp.redis.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.local.TestKeyPrefix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RedisEvents} bus does, run on a real server by one subclass per topology: typed
 * delivery, handlers isolated from each other, overflow and unreadable events counted, bad input refused.
 */
abstract class RedisEventsContract {

    static final Duration WAIT = Duration.ofSeconds(10);

    /** An event as a chat service would publish it. */
    record MessageCreated(String room, String text) {
    }

    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();

    /** Returns options for the topology under test, without a key prefix. */
    abstract RedisOptions.Builder options();

    RedisService service(TestKeyPrefix prefix) {
        RedisService service = RedisService.create(options().keyPrefix(prefix.value()).build());
        opened.add(0, service);
        return service;
    }

    RedisEvents events(TestKeyPrefix prefix, EventOptions options) {
        RedisEvents events = RedisEvents.create(service(prefix), options);
        opened.add(0, events);
        return events;
    }

    RedisEvents events(TestKeyPrefix prefix) {
        return events(prefix, EventOptions.defaults());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        opened.clear();
    }

    static void confirmed(EventSubscription subscription) throws Exception {
        confirmed(subscription.confirmed());
    }

    static void confirmed(CompletionStage<?> stage) throws Exception {
        stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void publish_subscribedChannel_handlerGetsTheTypedEventAndItsChannel(TestKeyPrefix prefix) throws Exception {
        RedisEvents events = events(prefix);
        List<String> heard = new CopyOnWriteArrayList<>();
        confirmed(events.subscribe("room:{42}", MessageCreated.class, (channel, event) -> heard.add(channel + " " + event)));

        events.publish("room:{42}", new MessageCreated("42", "héllo"));

        await().atMost(WAIT).until(() -> heard.size() == 1);
        assertThat(heard).containsExactly("room:{42} MessageCreated[room=42, text=héllo]");
        assertThat(events.stats().delivered()).isEqualTo(1);
    }

    @Test
    void publishAsync_subscribedChannel_handlerGetsTheEvent(TestKeyPrefix prefix) throws Exception {
        RedisEvents events = events(prefix);
        List<MessageCreated> heard = new CopyOnWriteArrayList<>();
        confirmed(events.subscribe("room:{7}", MessageCreated.class, (channel, event) -> heard.add(event)));

        confirmed(events.publishAsync("room:{7}", new MessageCreated("7", "async")));

        await().atMost(WAIT).until(() -> heard.equals(List.of(new MessageCreated("7", "async"))));
    }

    @Test
    void publish_twoHandlersOnOneChannel_eachGetsEveryEvent(TestKeyPrefix prefix) throws Exception {
        RedisEvents events = events(prefix);
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        confirmed(events.subscribe("room:{1}", MessageCreated.class, (channel, event) -> first.add(event.text())));
        confirmed(events.subscribe("room:{1}", MessageCreated.class, (channel, event) -> second.add(event.text())));

        events.publish("room:{1}", new MessageCreated("1", "a"));
        events.publish("room:{1}", new MessageCreated("1", "b"));

        await().atMost(WAIT).until(() -> first.size() == 2 && second.size() == 2);
        assertThat(first).containsExactly("a", "b");
        assertThat(second).containsExactly("a", "b");
    }

    @Test
    void close_oneOfTwoHandlers_theOtherKeepsTheChannel(TestKeyPrefix prefix) throws Exception {
        RedisEvents events = events(prefix);
        List<String> closed = new CopyOnWriteArrayList<>();
        List<String> kept = new CopyOnWriteArrayList<>();
        EventSubscription leaving = events.subscribe("room:{2}", MessageCreated.class, (channel, event) -> closed.add(event.text()));
        confirmed(events.subscribe("room:{2}", MessageCreated.class, (channel, event) -> kept.add(event.text())));
        confirmed(leaving);

        leaving.close();
        events.publish("room:{2}", new MessageCreated("2", "after"));

        await().atMost(WAIT).until(() -> kept.size() == 1);
        assertThat(closed).isEmpty();
    }

    @Test
    void slowHandler_anotherSubscriptionOfTheChannel_keepsReceiving(TestKeyPrefix prefix) throws Exception {
        RedisEvents events = events(prefix);
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> fast = new CopyOnWriteArrayList<>();
        confirmed(events.subscribe("room:{3}", MessageCreated.class, (channel, event) -> {
            slowStarted.countDown();
            release.await();
        }));
        confirmed(events.subscribe("room:{3}", MessageCreated.class, (channel, event) -> fast.add(event.text())));
        try {
            events.publish("room:{3}", new MessageCreated("3", "first"));
            assertThat(slowStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the slow handler got its first event").isTrue();

            for (int i = 0; i < 50; i++) {
                events.publish("room:{3}", new MessageCreated("3", "m" + i));
            }

            await().atMost(WAIT).until(() -> fast.size() == 51);
        } finally {
            release.countDown();
        }
    }

    @Test
    void failingHandler_laterEvents_stillDelivered(TestKeyPrefix prefix) throws Exception {
        RedisEvents events = events(prefix);
        List<String> handled = new CopyOnWriteArrayList<>();
        confirmed(events.subscribe("room:{4}", MessageCreated.class, (channel, event) -> {
            if (event.text().equals("boom")) {
                throw new IllegalStateException("handler bug");
            }
            handled.add(event.text());
        }));

        events.publish("room:{4}", new MessageCreated("4", "boom"));
        events.publish("room:{4}", new MessageCreated("4", "after"));

        await().atMost(WAIT).until(() -> handled.equals(List.of("after")));
        assertThat(events.stats().handlerFailures()).isEqualTo(1);
        assertThat(events.stats().delivered()).isEqualTo(1);
    }

    @Test
    void fullQueue_overflow_droppedAndCounted(TestKeyPrefix prefix) throws Exception {
        RedisEvents events = events(prefix, EventOptions.defaults().withQueueCapacity(5));
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        confirmed(events.subscribe("room:{5}", MessageCreated.class, (channel, event) -> {
            firstStarted.countDown();
            release.await();
        }));
        events.publish("room:{5}", new MessageCreated("5", "held"));
        assertThat(firstStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 19; i++) {
            events.publish("room:{5}", new MessageCreated("5", "m" + i));
        }
        await().atMost(WAIT).until(() -> events.stats().droppedOnOverflow() == 14);
        release.countDown();

        await().atMost(WAIT).until(() -> events.stats().delivered() == 6);
        assertThat(events.stats().droppedOnOverflow()).as("1 held by the handler, 5 queued, the rest dropped").isEqualTo(14);
    }

    @Test
    void eventOfAnotherType_droppedCountedAndTheNextDelivered(TestKeyPrefix prefix) throws Exception {
        RedisEvents events = events(prefix);
        List<MessageCreated> handled = new CopyOnWriteArrayList<>();
        confirmed(events.subscribe("room:{6}", MessageCreated.class, (channel, event) -> handled.add(event)));

        events.publish("room:{6}", "just a string, not a MessageCreated");
        events.publish("room:{6}", List.of(1, 2, 3));
        events.publish("room:{6}", new MessageCreated("6", "fine"));

        await().atMost(WAIT).until(() -> handled.size() == 1);
        assertThat(events.stats().undecodable()).isEqualTo(2);
        assertThat(handled).containsExactly(new MessageCreated("6", "fine"));
    }

    @Test
    void subscribeAndPublish_channelWithAGlobCharacter_refusedNamingTheArgument(TestKeyPrefix prefix) {
        RedisEvents events = events(prefix);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> events.subscribe("room:*", MessageCreated.class, (channel, event) -> { }))
                .withMessageStartingWith("channel must not contain the glob character '*', was 'room:*'");
        assertThatIllegalArgumentException().isThrownBy(() -> events.publish("room:[1]", new MessageCreated("1", "x")))
                .withMessageStartingWith("channel must not contain the glob character '['");
    }

    @Test
    void subscribeAndPublish_nullOrEmptyArguments_refusedNamingTheArgument(TestKeyPrefix prefix) {
        RedisEvents events = events(prefix);

        assertThatIllegalArgumentException().isThrownBy(() -> events.subscribe(null, MessageCreated.class, (c, e) -> { }))
                .withMessage("channel must not be null or empty, was null");
        assertThatIllegalArgumentException().isThrownBy(() -> events.publish("", new MessageCreated("1", "x")))
                .withMessage("channel must not be null or empty, was ''");
        assertThatIllegalArgumentException().isThrownBy(() -> events.publish("room:1", null)).withMessage("event must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> events.subscribe("room:1", null, (c, e) -> { }))
                .withMessage("type must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> events.subscribe("room:1", MessageCreated.class, null))
                .withMessage("handler must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> RedisEvents.create(null)).withMessage("redis must not be null");
    }

    @Test
    void publish_eventLargerThanTheLimit_refusedWithItsSize(TestKeyPrefix prefix) {
        RedisEvents events = events(prefix, EventOptions.defaults().withMaxPayloadBytes(100));
        String text = "x".repeat(200);

        assertThatIllegalArgumentException().isThrownBy(() -> events.publish("room:1", new MessageCreated("1", text)))
                .withMessageStartingWith("event must be at most maxPayloadBytes (100) as JSON, was 222 bytes");
    }

    @Test
    void close_theBus_refusesFurtherUse(TestKeyPrefix prefix) {
        RedisEvents events = events(prefix);

        events.close();

        assertThatIllegalStateException().isThrownBy(() -> events.publish("room:1", new MessageCreated("1", "x")))
                .withMessage("the event bus is closed");
        assertThatIllegalStateException().isThrownBy(() -> events.subscribe("room:1", MessageCreated.class, (c, e) -> { }))
                .withMessage("the event bus is closed");
    }

    @Test
    void subscribePattern_classicBus_handlerGetsEveryMatchingChannel(TestKeyPrefix prefix) throws Exception {
        RedisEvents events = events(prefix, EventOptions.defaults().withSharding(EventOptions.Sharding.CLASSIC));
        List<String> heard = new CopyOnWriteArrayList<>();
        confirmed(events.subscribePattern("room:" + RedisEvents.escape("42") + ":*", MessageCreated.class,
                (channel, event) -> heard.add(channel)));

        events.publish("room:42:typing", new MessageCreated("42", "..."));
        events.publish("room:43:typing", new MessageCreated("43", "..."));
        events.publish("room:42:read", new MessageCreated("42", "..."));

        await().atMost(WAIT).until(() -> heard.size() == 2);
        assertThat(heard).containsExactly("room:42:typing", "room:42:read");
    }
}
