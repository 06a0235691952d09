package org.chatapp.redis.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chatapp.redis.InvalidRedisOptionException;
import org.chatapp.redis.events.EventOptions.Sharding;
import org.junit.jupiter.api.Test;

class EventOptionsTest {

    private final EventOptions defaults = EventOptions.defaults();

    @Test
    void defaults_areTheDocumentedConstants() {
        assertThat(defaults).isEqualTo(new EventOptions("events:", Sharding.AUTO, 4, 1_000, 64 * 1024));
    }

    @Test
    void withers_changeOneSettingEach() {
        assertThat(defaults.withChannelPrefix("chat:").channelPrefix()).isEqualTo("chat:");
        assertThat(defaults.withSharding(Sharding.CLASSIC).sharding()).isEqualTo(Sharding.CLASSIC);
        assertThat(defaults.withHandlerThreads(8).handlerThreads()).isEqualTo(8);
        assertThat(defaults.withQueueCapacity(5).queueCapacity()).isEqualTo(5);
        assertThat(defaults.withMaxPayloadBytes(1024).maxPayloadBytes()).isEqualTo(1024);
        assertThat(defaults.withQueueCapacity(5).withChannelPrefix("x:")).isEqualTo(
                new EventOptions("x:", Sharding.AUTO, 4, 5, 64 * 1024));
    }

    @Test
    void channelPrefix_emptyAllowed() {
        assertThat(defaults.withChannelPrefix("").channelPrefix()).isEmpty();
    }

    @Test
    void channelPrefix_nullGlobOrBrace_refusedNamingTheSetting() {
        assertInvalid("channelPrefix", () -> defaults.withChannelPrefix(null), "channelPrefix must not be null; use \"\" for none");
        assertInvalid("channelPrefix", () -> defaults.withChannelPrefix("ev*:"), "was 'ev*:'");
        assertInvalid("channelPrefix", () -> defaults.withChannelPrefix("{ev}:"), "was '{ev}:'");
    }

    @Test
    void sharding_null_refused() {
        assertInvalid("sharding", () -> defaults.withSharding(null), "sharding must not be null");
    }

    @Test
    void handlerThreadsAndQueueCapacity_belowOne_refused() {
        assertInvalid("handlerThreads", () -> defaults.withHandlerThreads(0), "handlerThreads must be at least 1, was 0");
        assertInvalid("queueCapacity", () -> defaults.withQueueCapacity(-1), "queueCapacity must be at least 1, was -1");
    }

    @Test
    void maxPayloadBytes_outsideOneToOneMebibyte_refused() {
        assertInvalid("maxPayloadBytes", () -> defaults.withMaxPayloadBytes(0), "maxPayloadBytes must be between 1 and 1048576, was 0");
        assertInvalid("maxPayloadBytes", () -> defaults.withMaxPayloadBytes(EventOptions.LARGEST_MAX_PAYLOAD_BYTES + 1),
                "was 1048577");
        assertThat(defaults.withMaxPayloadBytes(EventOptions.LARGEST_MAX_PAYLOAD_BYTES).maxPayloadBytes()).isEqualTo(1024 * 1024);
    }

    private static void assertInvalid(String setting, Runnable build, String messagePart) {
        assertThatThrownBy(build::run).isInstanceOfSatisfying(InvalidRedisOptionException.class,
                e -> assertThat(e.setting()).isEqualTo(setting)).hasMessageContaining(messagePart);
    }
}
