package org.chatapp.redis.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.chatapp.redis.InvalidRedisOptionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StreamWorkerOptionsTest {

    @Test
    void build_defaults_areTheDefaultConstants() {
        StreamWorkerOptions options = StreamWorkerOptions.builder("{room:42}:events", "notifier").build();

        assertThat(options.stream()).isEqualTo("{room:42}:events");
        assertThat(options.group()).isEqualTo("notifier");
        assertThat(options.consumer()).startsWith("worker-");
        assertThat(options.batchSize()).isEqualTo(StreamWorkerOptions.DEFAULT_BATCH_SIZE);
        assertThat(options.concurrency()).isEqualTo(StreamWorkerOptions.DEFAULT_CONCURRENCY);
        assertThat(options.block()).isEqualTo(StreamWorkerOptions.DEFAULT_BLOCK);
        assertThat(options.maxDeliveries()).isEqualTo(StreamWorkerOptions.DEFAULT_MAX_DELIVERIES);
        assertThat(options.claimMinIdle()).isEqualTo(StreamWorkerOptions.DEFAULT_CLAIM_MIN_IDLE);
        assertThat(options.claimInterval()).isEqualTo(StreamWorkerOptions.DEFAULT_CLAIM_INTERVAL);
        assertThat(options.deadLetterStream()).isEqualTo("{room:42}:events" + StreamWorkerOptions.DEFAULT_DEAD_LETTER_SUFFIX);
        assertThat(options.deadLetterMaxLength()).isEqualTo(StreamWorkerOptions.DEFAULT_DEAD_LETTER_MAX_LENGTH);
        assertThat(options.trimming()).isEqualTo(StreamTrimming.none());
        assertThat(options.dedupeField()).isNull();
        assertThat(options.groupStartId()).isEqualTo(StreamWorkerOptions.DEFAULT_GROUP_START_ID);
        assertThat(options.retryBackoff()).isEqualTo(StreamWorkerOptions.DEFAULT_RETRY_BACKOFF);
        assertThat(options.maxRetryBackoff()).isEqualTo(StreamWorkerOptions.DEFAULT_MAX_RETRY_BACKOFF);
        assertThat(options.shutdownTimeout()).isEqualTo(StreamWorkerOptions.DEFAULT_SHUTDOWN_TIMEOUT);
    }

    @Test
    void build_everySetting_isCarriedIntoTheOptions() {
        StreamWorkerOptions options = StreamWorkerOptions.builder("s", "g").consumer("pod-1").batchSize(7).concurrency(3)
                .block(Duration.ofMillis(250)).maxDeliveries(9).claimMinIdle(Duration.ofSeconds(11))
                .claimInterval(Duration.ofSeconds(2)).deadLetterStream("dlq").deadLetterMaxLength(77)
                .trimming(StreamTrimming.maxLength(500)).dedupeField("eventId").groupStartId("$")
                .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(50)).shutdownTimeout(Duration.ZERO).build();

        assertThat(options).isEqualTo(new StreamWorkerOptions("s", "g", "pod-1", 7, 3, Duration.ofMillis(250), 9,
                Duration.ofSeconds(11), Duration.ofSeconds(2), "dlq", 77, new StreamTrimming.MaxLength(500), "eventId", "$",
                Duration.ofMillis(5), Duration.ofMillis(50), Duration.ZERO));
    }

    @Test
    void build_twoBuilders_getDifferentConsumerNames() {
        String first = StreamWorkerOptions.builder("s", "g").build().consumer();
        String second = StreamWorkerOptions.builder("s", "g").build().consumer();

        assertThat(first).isNotEqualTo(second);
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                bad("stream", "null", b -> StreamWorkerOptions.builder(null, "g")),
                bad("stream", "''", b -> StreamWorkerOptions.builder("", "g")),
                bad("group", "null", b -> StreamWorkerOptions.builder("s", null)),
                bad("group", "''", b -> StreamWorkerOptions.builder("s", "")),
                bad("consumer", "''", b -> b.consumer("")),
                bad("batchSize", "0", b -> b.batchSize(0)),
                bad("concurrency", "0", b -> b.concurrency(0)),
                bad("block", "PT0S", b -> b.block(Duration.ZERO)),
                bad("maxDeliveries", "0", b -> b.maxDeliveries(0)),
                bad("claimMinIdle", "null", b -> b.claimMinIdle(null)),
                bad("claimInterval", "PT-1S", b -> b.claimInterval(Duration.ofSeconds(-1))),
                bad("deadLetterStream", "'s'", b -> b.deadLetterStream("s")),
                bad("deadLetterStream", "''", b -> b.deadLetterStream("")),
                bad("deadLetterMaxLength", "0", b -> b.deadLetterMaxLength(0)),
                bad("trimming", "null", b -> b.trimming(null)),
                bad("dedupeField", "''", b -> b.dedupeField("")),
                bad("groupStartId", "' '", b -> b.groupStartId(" ")),
                bad("retryBackoff", "PT0.0000001S", b -> b.retryBackoff(Duration.ofNanos(100), Duration.ofSeconds(1))),
                bad("maxRetryBackoff", "PT0.01S", b -> b.retryBackoff(Duration.ofMillis(20), Duration.ofMillis(10))),
                bad("shutdownTimeout", "PT-0.001S", b -> b.shutdownTimeout(Duration.ofMillis(-1))));
    }

    private static Arguments bad(String setting, String value, UnaryOperator<StreamWorkerOptions.Builder> change) {
        return Arguments.of(setting, value, change);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badSettings")
    void build_badSetting_throwsNamingTheSettingAndTheValue(String setting, String value,
            UnaryOperator<StreamWorkerOptions.Builder> change) {
        StreamWorkerOptions.Builder builder = change.apply(StreamWorkerOptions.builder("s", "g"));

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(InvalidRedisOptionException.class, e -> assertThat(e.setting()).isEqualTo(setting))
                .hasMessageStartingWith(setting + " must").hasMessageContaining(value);
    }

    @Test
    void trimming_badBounds_throwNamingTheSettingAndTheValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> StreamTrimming.maxLength(0))
                .withMessage("trimming.maxLength must be at least 1, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> StreamTrimming.maxAge(Duration.ofNanos(5)))
                .withMessage("trimming.maxAge must be at least 1 ms, was PT0.000000005S");
        assertThatIllegalArgumentException().isThrownBy(() -> StreamTrimming.maxAge(null))
                .withMessage("trimming.maxAge must be at least 1 ms, was null");
    }

    @Test
    void start_nullArgument_throwsNamingIt() {
        StreamWorkerOptions options = StreamWorkerOptions.builder("s", "g").build();

        assertThatIllegalArgumentException().isThrownBy(() -> StreamWorker.start(null, options, delivery -> { }))
                .withMessage("redis must not be null");
    }

    @Test
    void delivery_fields_areACopy() {
        java.util.Map<String, String> fields = new java.util.HashMap<>(java.util.Map.of("a", "1"));
        StreamDelivery delivery = new StreamDelivery("s", "1-0", fields, 2, "1-0");

        fields.put("b", "2");

        assertThat(delivery.fields()).containsOnlyKeys("a");
        assertThat(delivery.isRedelivery()).isTrue();
    }
}
