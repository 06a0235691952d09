package org.chatapp.redis.spring;

import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Records the command latencies of one client as the timers {@code lettuce.command.completion} and
 * {@code lettuce.command.firstresponse}, tagged {@code client} and {@code command} only: one pair of
 * timers per command name, however many nodes the client talks to.
 *
 * <p>Why not Lettuce's {@code MicrometerCommandLatencyRecorder}: in Lettuce 7.7 it always tags the
 * remote address (and keeps a timer per address), with no option to leave it out, so a cluster
 * whose pods are replaced registers new timers for every new address and never removes the old.
 * Latency per node, when needed, is better read on the nodes themselves ({@code INFO commandstats},
 * {@code LATENCY}).
 */
final class CommandLatencyTimers implements CommandLatencyRecorder {

    static final String COMPLETION = "lettuce.command.completion";
    static final String FIRST_RESPONSE = "lettuce.command.firstresponse";
    static final String COMMAND_TAG = "command";

    private final MeterRegistry registry;
    private final String clientName;
    // Keyed by name: a ProtocolKeyword of a command run by name need not implement equals.
    private final Map<String, Timers> byCommand = new ConcurrentHashMap<>();

    CommandLatencyTimers(MeterRegistry registry, String clientName) {
        this.registry = registry;
        this.clientName = clientName;
    }

    @Override
    public void recordCommandLatency(SocketAddress local, SocketAddress remote, ProtocolKeyword commandType,
            long firstResponseLatency, long completionLatency) {
        Timers timers = byCommand.computeIfAbsent(commandType.toString(), this::register);
        timers.firstResponse().record(firstResponseLatency, TimeUnit.NANOSECONDS);
        timers.completion().record(completionLatency, TimeUnit.NANOSECONDS);
    }

    private Timers register(String command) {
        Timer firstResponse = Timer.builder(FIRST_RESPONSE)
                .description("Latency between command send and first response (first response received)")
                .tag(RedisMetrics.CLIENT_TAG, clientName).tag(COMMAND_TAG, command).register(registry);
        Timer completion = Timer.builder(COMPLETION)
                .description("Latency between command send and command completion (complete response received)")
                .tag(RedisMetrics.CLIENT_TAG, clientName).tag(COMMAND_TAG, command).register(registry);
        return new Timers(firstResponse, completion);
    }

    private record Timers(Timer firstResponse, Timer completion) {
    }
}
