package org.chatapp.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chatapp.redis.RedisNode;

/**
 * The {@code redis-benchmark} tool on the same servers at the same concurrency: the reference the
 * goals are set against, what a C client with no library around it gets (a client that spins for
 * replies can pass it, at the cost of a busy core). It measures itself; the runner is not used.
 *
 * <p>It uses its own keys ({@code key:000000000123}, with a hash tag per node on the cluster) and
 * cannot run for a fixed time, so each case is first calibrated with a short run and then sized
 * to take about the time asked for.
 */
final class RedisBenchmarkPeer implements Peer {

    private static final String BINARY = "redis-benchmark";
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    /** Blocking clients of the busiest case; loading with as many reaches every node those cases use. */
    private static final int LOAD_CLIENTS = 16;
    private static final int LOAD_PIPELINE = 128;
    /**
     * About 100 writes of each key (a third of that on the cluster, where each master has its own
     * keys), so none is left out.
     */
    private static final int LOAD_REQUESTS = LOAD_CLIENTS * LOAD_PIPELINE * 50;
    /** Round trips per client in the calibration run: long enough for a rate, short enough not to matter. */
    private static final int CALIBRATION_ROUND_TRIPS = 1000;

    private final Path binary;
    private final String version;

    /** Returns the peer running the given binary; {@link #onPath()} finds it. Tests name one that is never run. */
    RedisBenchmarkPeer(Path binary, String version) {
        this.binary = binary;
        this.version = version;
    }

    /** Returns the peer if {@code redis-benchmark} is on the {@code PATH}. */
    static Optional<RedisBenchmarkPeer> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .map(directory -> Path.of(directory, BINARY))
                .filter(Files::isExecutable)
                .findFirst()
                .map(binary -> new RedisBenchmarkPeer(binary, version(binary)));
    }

    @Override
    public String name() {
        return "redis-benchmark " + version;
    }

    @Override
    public String setup() {
        return "`-c 1 -P 1`, `-c 16 -P 1` and `-c 1 -P 128`, with `-d " + BenchMain.VALUE_BYTES + " -r " + BenchMain.KEYS
                + "` on its own keys, written first; `--cluster --threads 1` on the cluster, where each client "
                + "stays on one master and one slot; `-n` sized from a calibration run; `-c 1 -P 128` is both 128 in "
                + "flight and a batch of 128, so a batch row shows the runs of the 128-in-flight row where that was measured";
    }

    /**
     * Returns, for a batch, the in-flight case of the same size: one client sending that many
     * commands per write and waiting for their replies is what the tool does in both.
     */
    @Override
    public Scenario measuredAs(Scenario scenario) {
        return scenario.driver().isBatch()
                ? new Scenario(scenario.operation(), Scenario.Driver.async(scenario.driver().batch()))
                : scenario;
    }

    @Override
    public Session open(Topology topology, Runner runner) {
        BenchmarkSession session = new BenchmarkSession(topology);
        session.load();
        return session;
    }

    private final class BenchmarkSession implements Session {

        private final Topology topology;
        private final Map<Scenario, Double> opsPerSecond = new HashMap<>();

        BenchmarkSession(Topology topology) {
            this.topology = topology;
        }

        /** Writes every key the GET cases read, with the values they would find. */
        void load() {
            execute(Scenario.Operation.SET, LOAD_CLIENTS, LOAD_PIPELINE, LOAD_REQUESTS);
        }

        @Override
        public RunResult run(Scenario asked, Duration duration) {
            Scenario scenario = measuredAs(asked);
            int clients = scenario.driver().isAsync() ? 1 : scenario.driver().threads();
            int pipeline = scenario.driver().isAsync() ? scenario.driver().inFlight() : 1;
            Double rate = opsPerSecond.get(scenario);
            if (rate == null) {
                rate = execute(scenario.operation(), clients, pipeline, CALIBRATION_ROUND_TRIPS * clients * pipeline)
                        .opsPerSecond();
            }
            // Whole rounds of every client: on the cluster, the tool waits for a last partial round
            // that it never sends.
            long round = (long) clients * pipeline;
            long rounds = Math.max(1, Math.round(rate * duration.toNanos() / 1e9 / round));
            RunResult result = execute(scenario.operation(), clients, pipeline, Math.toIntExact(rounds * round));
            opsPerSecond.put(scenario, result.opsPerSecond());
            return result;
        }

        private RunResult execute(Scenario.Operation operation, int clients, int pipeline, int requests) {
            RedisNode node = topology.nodes().get(0);
            List<String> command = new ArrayList<>(List.of(binary.toString(), "-h", node.host(),
                    "-p", Integer.toString(node.port())));
            if (topology.cluster()) {
                // One event loop, as on standalone: by default it runs one per master, and a loop left
                // without clients only notices the end on its next 250 ms tick, which the tool counts.
                command.addAll(List.of("--cluster", "--threads", "1"));
            }
            command.addAll(List.of("-t", operation.name().toLowerCase(Locale.ROOT), "-d", Integer.toString(BenchMain.VALUE_BYTES),
                    "-r", Integer.toString(BenchMain.KEYS), "-c", Integer.toString(clients), "-P", Integer.toString(pipeline),
                    "-n", Integer.toString(requests), "--csv"));
            String output = output(command);
            return parseCsv(operation, requests, output)
                    .orElseThrow(() -> new IllegalStateException("no " + operation + " result from "
                            + String.join(" ", command) + ":\n" + output));
        }

        @Override
        public void close() {
            // Each run is its own process, and it ends with the run.
        }
    }

    /**
     * Reads the result line, such as {@code "GET","81234.57","0.560","0.112","0.551","0.703","0.807","1.911"}:
     * test, requests per second, then average, min, p50, p95, p99 and max latency in milliseconds.
     */
    static Optional<RunResult> parseCsv(Scenario.Operation operation, long requests, String output) {
        String prefix = "\"" + operation.name() + "\",";
        return output.lines()
                .filter(line -> line.startsWith(prefix))
                .findFirst()
                .map(line -> {
                    String[] fields = line.replace("\"", "").split(",");
                    double requestsPerSecond = Double.parseDouble(fields[1]);
                    return new RunResult(requests, requests / requestsPerSecond, millisToNanos(fields[4]),
                            millisToNanos(fields[6]));
                });
    }

    private static long millisToNanos(String millis) {
        return Math.round(Double.parseDouble(millis) * 1_000_000);
    }

    private static String version(Path binary) {
        Matcher version = VERSION.matcher(output(List.of(binary.toString(), "--version")));
        return version.find() ? version.group() : "?";
    }

    /** Runs the command to its end and returns what it printed, stdout and stderr together. */
    private static String output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
