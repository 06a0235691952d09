package org.chatapp.redis.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The latency timers the starter installs in every client: bounded by client and command, never
 * by node address. Latencies are recorded by hand, as Lettuce does after each reply; no Redis is needed.
 */
class CommandLatencyTimersTest {

    private static final long FIRST_RESPONSE_NANOS = TimeUnit.MICROSECONDS.toNanos(150);
    private static final long COMPLETION_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatappRedisMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void recordCommandLatency_hundredDistinctNodeAddresses_meterCountStaysConstant() {
        withRecorderOf("chat", (recorder, meters) -> {
            recorder.recordCommandLatency(local(0), node(0), CommandType.GET, FIRST_RESPONSE_NANOS, COMPLETION_NANOS);
            recorder.recordCommandLatency(local(0), node(0), CommandType.SET, FIRST_RESPONSE_NANOS, COMPLETION_NANOS);
            int metersAfterFirstNode = meters.getMeters().size();

            for (int i = 1; i <= 100; i++) {
                recorder.recordCommandLatency(local(i), node(i), CommandType.GET, FIRST_RESPONSE_NANOS, COMPLETION_NANOS);
                recorder.recordCommandLatency(local(i), node(i), CommandType.SET, FIRST_RESPONSE_NANOS, COMPLETION_NANOS);
            }

            assertThat(metersAfterFirstNode).isEqualTo(4);
            assertThat(meters.getMeters()).hasSize(metersAfterFirstNode);
            assertThat(meters.get(CommandLatencyTimers.COMPLETION).tag("command", "GET").timer().count()).isEqualTo(101);
            assertThat(meters.get(CommandLatencyTimers.FIRST_RESPONSE).tag("command", "SET").timer().count()).isEqualTo(101);
        });
    }

    @Test
    void recordCommandLatency_anyCommand_tagsClientAndCommandOnly() {
        withRecorderOf("chat", (recorder, meters) -> {
            recorder.recordCommandLatency(local(7), node(7), CommandType.HGET, FIRST_RESPONSE_NANOS, COMPLETION_NANOS);

            assertThat(meters.getMeters()).extracting(meter -> meter.getId().getName())
                    .containsExactlyInAnyOrder(CommandLatencyTimers.COMPLETION, CommandLatencyTimers.FIRST_RESPONSE);
            for (Meter meter : meters.getMeters()) {
                assertThat(meter.getId().getTags()).containsExactlyInAnyOrder(Tag.of("client", "chat"), Tag.of("command", "HGET"));
            }
            var completion = meters.get(CommandLatencyTimers.COMPLETION).timer();
            assertThat(completion.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(COMPLETION_NANOS);
            var firstResponse = meters.get(CommandLatencyTimers.FIRST_RESPONSE).timer();
            assertThat(firstResponse.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(FIRST_RESPONSE_NANOS);
        });
    }

    /** Builds the client resources the way the starter does for {@code clientName}, and hands out their recorder. */
    private void withRecorderOf(String clientName, RecorderTest test) {
        contextRunner.run(context -> {
            RedisClientCustomizer customizer = context.getBean("redisCommandLatencyMetrics", RedisClientCustomizer.class);
            ClientResources.Builder builder = ClientResources.builder();
            customizer.customizeResources(clientName, builder);
            ClientResources resources = builder.build();
            try {
                test.run(resources.commandLatencyRecorder(), context.getBean(MeterRegistry.class));
            } finally {
                resources.shutdown(0, 0, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
            }
        });
    }

    private interface RecorderTest {
        void run(CommandLatencyRecorder recorder, MeterRegistry meters);
    }

    /** A node address as a cluster sees them when pods are replaced: a new IP each time. */
    private static InetSocketAddress node(int i) {
        return InetSocketAddress.createUnresolved("10.1." + (i / 250) + "." + (i % 250 + 1), 6379);
    }

    private static InetSocketAddress local(int i) {
        return InetSocketAddress.createUnresolved("10.2.0.1", 40000 + i);
    }
}
