package org.chatapp.redis.spring.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Consumer;
import org.chatapp.redis.spring.InvalidRedisPropertiesException;
import org.chatapp.redis.stream.StreamTrimming;
import org.chatapp.redis.stream.StreamWorkerOptions;
import org.junit.jupiter.api.Test;

/** The chatapp.redis.stream.* defaults on a worker's options, and the property named for each invalid one. */
class StreamDefaultsTest {

    private static StreamDefaults defaults(Consumer<StreamProperties> settings) {
        StreamProperties properties = new StreamProperties();
        settings.accept(properties);
        return StreamDefaults.of(properties);
    }

    private static String invalidProperty(Consumer<StreamProperties> settings) {
        try {
            defaults(settings);
        } catch (InvalidRedisPropertiesException e) {
            return e.property();
        }
        throw new AssertionError("the settings were accepted");
    }

    @Test
    void builder_unsetProperties_buildsTheLibraryDefaults() {
        StreamWorkerOptions ours = defaults(properties -> { }).builder("events", "mailer").consumer("c1").build();

        assertThat(ours).isEqualTo(StreamWorkerOptions.builder("events", "mailer").consumer("c1").build());
    }

    @Test
    void builder_everyProperty_reachesTheOptions() {
        StreamWorkerOptions options = defaults(properties -> {
            properties.setConsumer("pod-7");
            properties.setBatchSize(64);
            properties.setConcurrency(4);
            properties.setBlock(Duration.ofMillis(500));
            properties.setMaxDeliveries(3);
            properties.setClaimMinIdle(Duration.ofMinutes(2));
            properties.setClaimInterval(Duration.ofSeconds(20));
            properties.setDeadLetterSuffix(":dlq");
            properties.setDeadLetterMaxLength(500);
            properties.setDedupeField("event-id");
            properties.setGroupStartId("$");
            properties.setRetryBackoff(Duration.ofMillis(200));
            properties.setMaxRetryBackoff(Duration.ofSeconds(30));
            properties.setShutdownTimeout(Duration.ofSeconds(3));
            properties.getTrimming().setMaxAge(Duration.ofDays(7));
        }).builder("{room}:events", "mailer").build();

        assertThat(options).isEqualTo(new StreamWorkerOptions("{room}:events", "mailer", "pod-7", 64, 4, Duration.ofMillis(500), 3,
                Duration.ofMinutes(2), Duration.ofSeconds(20), "{room}:events:dlq", 500, StreamTrimming.maxAge(Duration.ofDays(7)),
                "event-id", "$", Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(3)));
    }

    @Test
    void of_batchSizeZero_failsNamingTheProperty() {
        assertThat(invalidProperty(properties -> properties.setBatchSize(0))).isEqualTo("chatapp.redis.stream.batch-size");
    }

    @Test
    void of_emptyDeadLetterSuffix_failsNamingTheProperty() {
        assertThat(invalidProperty(properties -> properties.setDeadLetterSuffix(""))).isEqualTo("chatapp.redis.stream.dead-letter-suffix");
    }

    @Test
    void of_maxRetryBackoffBelowRetryBackoff_failsNamingMaxRetryBackoff() {
        assertThat(invalidProperty(properties -> {
            properties.setRetryBackoff(Duration.ofSeconds(1));
            properties.setMaxRetryBackoff(Duration.ofMillis(500));
        })).isEqualTo("chatapp.redis.stream.max-retry-backoff");
    }

    @Test
    void of_retryBackoffAboveTheDefaultCeilingWithAHigherCeiling_isAccepted() {
        StreamDefaults defaults = defaults(properties -> {
            properties.setRetryBackoff(Duration.ofSeconds(10));
            properties.setMaxRetryBackoff(Duration.ofMinutes(1));
        });

        assertThat(defaults.builder("s", "g").build().retryBackoff()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void of_retryBackoffZero_failsNamingRetryBackoff() {
        assertThat(invalidProperty(properties -> properties.setRetryBackoff(Duration.ZERO))).isEqualTo("chatapp.redis.stream.retry-backoff");
    }

    @Test
    void of_bothTrimmings_failsNamingMaxAge() {
        assertThat(invalidProperty(properties -> {
            properties.getTrimming().setMaxLength(1000L);
            properties.getTrimming().setMaxAge(Duration.ofHours(1));
        })).isEqualTo("chatapp.redis.stream.trimming.max-age");
    }

    @Test
    void of_trimmingMaxLengthZero_failsNamingIt() {
        assertThat(invalidProperty(properties -> properties.getTrimming().setMaxLength(0L)))
                .isEqualTo("chatapp.redis.stream.trimming.max-length");
    }

    @Test
    void builder_emptyStream_isLeftForBuildToReject() {
        StreamWorkerOptions.Builder builder = defaults(properties -> { }).builder("", "g");

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stream");
    }
}
