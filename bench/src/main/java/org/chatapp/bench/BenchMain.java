package org.chatapp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.chatapp.redis.RedisNode;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisCluster;
import org.chatapp.redis.local.LocalRedisStandalone;

/**
 * Measures every peer on the same local servers (a standalone server and a 3 x 1 cluster, started
 * here), in interleaved runs, and writes a table per case with medians and ratios, and the goals.
 * The cases come in families, each with its own peers: GET and SET, pub/sub, locks, rate limits,
 * caches.
 *
 * <pre>java -jar bench/target/bench.jar [--short] [--runs N] [--seconds S] [--out docs/benchmarks.md] [--only TEXT[|TEXT...]] [--peers A,B]</pre>
 *
 * <p>{@code --only} measures just the rows whose name contains the text, such as
 * {@code "standalone GET, 16"}, {@code "pub/sub"}, {@code "lock"}, {@code "rate limit"} or {@code "cache"}, or one
 * of several texts separated by {@code |}, such as {@code "pub/sub|lock|rate limit"};
 * {@code --peers} just the peers whose names contain one of the comma-separated texts, such as
 * {@code "chatapp,Lettuce"}: for measuring a change quickly.
 */
public final class BenchMain {

    /** Keys every peer reads and writes, and the size of their values: the one place they are set. */
    static final int KEYS = 1000;
    static final int VALUE_BYTES = 64;
    private static final String VALUE = "x".repeat(VALUE_BYTES);
    /** Callers asking two instances of a cache for one missing key at once, in the stampede case. */
    static final int STAMPEDE_CALLERS = 1000;

    private BenchMain() {
    }

    public static void main(String[] args) throws IOException {
        BenchSettings settings = BenchSettings.parse(args);
        Report report = run(settings, settings.selectPeers(Peers.all()));
        String markdown = report.markdown();
        System.out.println(markdown);
        if (settings.out() != null) {
            Files.createDirectories(settings.out().toAbsolutePath().getParent());
            Files.writeString(settings.out(), markdown + keptSection(settings.out()));
            System.out.println("Written to " + settings.out());
        }
    }

    /** The heading of the section bench/chat-load writes at the end of the report; a new report keeps it. */
    static final String CHAT_LOAD_HEADING = "## Chat load";

    /** The chat-load section of the report being replaced (from its heading to the end), or "" when there is none. */
    static String keptSection(Path out) throws IOException {
        if (!Files.exists(out)) {
            return "";
        }
        String previous = Files.readString(out);
        int at = previous.startsWith(CHAT_LOAD_HEADING + "\n") ? 0 : previous.indexOf("\n" + CHAT_LOAD_HEADING + "\n");
        return at < 0 ? "" : "\n" + previous.substring(at == 0 ? 0 : at + 1);
    }

    /** Returns every case, family by family, in the order they are measured and reported. */
    static List<Scenario> scenarios() {
        List<Scenario> scenarios = new ArrayList<>();
        for (Scenario.Operation operation : List.of(Scenario.Operation.GET, Scenario.Operation.SET)) {
            scenarios.add(new Scenario(operation, Scenario.Driver.sync(1)));
            scenarios.add(new Scenario(operation, Scenario.Driver.sync(16)));
            scenarios.add(new Scenario(operation, Scenario.Driver.async(128)));
            scenarios.add(new Scenario(operation, Scenario.Driver.batch(128)));
        }
        scenarios.add(new Scenario(Scenario.Operation.PUBLISH, Scenario.Driver.publishers(1)));
        scenarios.add(new Scenario(Scenario.Operation.PUBLISH, Scenario.Driver.publishers(16)));
        scenarios.add(new Scenario(Scenario.Operation.LOCK_UNCONTENDED, Scenario.Driver.sync(1)));
        scenarios.add(new Scenario(Scenario.Operation.LOCK_UNCONTENDED, Scenario.Driver.sync(16)));
        scenarios.add(new Scenario(Scenario.Operation.LOCK_CONTENDED, Scenario.Driver.sync(16)));
        for (Scenario.Operation policy : List.of(Scenario.Operation.RATE_LIMIT_FIXED_WINDOW,
                Scenario.Operation.RATE_LIMIT_SLIDING_WINDOW, Scenario.Operation.RATE_LIMIT_TOKEN_BUCKET)) {
            scenarios.add(new Scenario(policy, Scenario.Driver.sync(1)));
            scenarios.add(new Scenario(policy, Scenario.Driver.sync(16)));
            scenarios.add(new Scenario(policy, Scenario.Driver.async(128)));
        }
        for (Scenario.Operation hit : List.of(Scenario.Operation.CACHE_NEAR_HIT, Scenario.Operation.CACHE_ASIDE_HIT)) {
            scenarios.add(new Scenario(hit, Scenario.Driver.sync(1)));
            scenarios.add(new Scenario(hit, Scenario.Driver.sync(16)));
        }
        scenarios.add(new Scenario(Scenario.Operation.CACHE_STAMPEDE, Scenario.Driver.stampede(STAMPEDE_CALLERS)));
        return List.copyOf(scenarios);
    }

    static Report run(BenchSettings settings, List<Peer> peers) {
        String[] keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "key:" + i;
        }
        Runner runner = new Runner(keys, VALUE);
        Report report = new Report(settings, peers);
        try (LocalRedisStandalone standalone = LocalRedis.standalone().start();
                LocalRedisCluster cluster = LocalRedis.cluster().start()) {
            List<Topology> topologies = List.of(
                    new Topology("standalone", List.of(new RedisNode(standalone.host(), standalone.port())), false),
                    new Topology("cluster 3x1", RedisNode.parseList(cluster.seedAddresses()), true));
            for (Scenario.Family family : Scenario.Family.values()) {
                for (Topology topology : topologies) {
                    List<Scenario> selected = scenarios().stream()
                            .filter(scenario -> scenario.family() == family && settings.selects(topology.name() + " " + scenario.label()))
                            .toList();
                    measure(topology, peers, selected, runner, settings, report);
                }
            }
        }
        return report;
    }

    /**
     * Measures one family's selected cases on one topology: opens the peers measured in any of
     * them, runs each case over the peers measured in it, and closes the peers. A peer whose case
     * stands for one it measured already ({@link Peer#measuredAs}) gets those runs again.
     */
    static void measure(Topology topology, List<Peer> peers, List<Scenario> scenarios, Runner runner,
            BenchSettings settings, Report report) {
        Map<Peer, Peer.Session> sessions = new LinkedHashMap<>();
        try {
            for (Peer peer : peers) {
                if (scenarios.stream().anyMatch(peer::measures)) {
                    sessions.put(peer, peer.open(topology, runner));
                }
            }
            for (Scenario scenario : scenarios) {
                Map<Peer, List<RunResult>> results = new LinkedHashMap<>();
                List<Peer> order = new ArrayList<>();
                sessions.forEach((peer, session) -> {
                    if (!peer.measures(scenario)) {
                        return;
                    }
                    Optional<Report.Row> measured = sameRuns(report, topology, scenario, peer);
                    if (measured.isPresent()) {
                        results.put(peer, new ArrayList<>(measured.get().runs()));
                    } else {
                        session.run(scenario, settings.warmup());
                        results.put(peer, new ArrayList<>());
                        order.add(peer);
                    }
                });
                // Interleaved, and in turn first, so drift of the machine hits every peer alike.
                for (int run = 0; run < settings.runs(); run++) {
                    for (Peer peer : order) {
                        results.get(peer).add(sessions.get(peer).run(scenario, settings.duration()));
                    }
                    Collections.rotate(order, 1);
                }
                results.forEach((peer, runs) -> {
                    report.add(topology, scenario, peer, runs);
                    RunResult median = report.last().medianRun();
                    String cpu = median.cpuMeasured()
                            ? String.format(Locale.ROOT, " %8.1f CPU us/op %5.2f cores", median.cpuMicrosPerOperation(), median.cpuCores())
                            : "";
                    String lost = median.lost() > 0 ? String.format(Locale.ROOT, " %,d lost", median.lost()) : "";
                    System.out.printf("%-12s %-50s %-40s %,12.0f ops/s%s%s%n", topology.name(), scenario.label(), peer.name(),
                            report.last().medianOpsPerSecond(), cpu, lost);
                });
            }
        } finally {
            sessions.values().forEach(Peer.Session::close);
        }
    }

    /**
     * Returns the peer's row of the case that stands for this one on the topology, when the peer
     * drives both cases the same way and that case was measured already.
     */
    private static Optional<Report.Row> sameRuns(Report report, Topology topology, Scenario scenario, Peer peer) {
        Scenario measuredAs = peer.measuredAs(scenario);
        return measuredAs.equals(scenario) ? Optional.empty() : report.row(topology, measuredAs, peer);
    }

    /** Command-line settings; the short mode is the CI smoke run. */
    record BenchSettings(boolean shortMode, int runs, Duration duration, Duration warmup, Path out, String only,
            List<String> peers) {

        /** Returns the peers {@code --peers} names, or all of them. */
        List<Peer> selectPeers(List<Peer> all) {
            List<Peer> selected = all.stream()
                    .filter(peer -> peers.isEmpty() || peers.stream().anyMatch(peer.name()::contains))
                    .toList();
            if (selected.isEmpty()) {
                throw new IllegalArgumentException("--peers " + String.join(",", peers) + " names none of "
                        + all.stream().map(Peer::name).toList());
            }
            return selected;
        }

        /**
         * Returns whether a row, named like {@code standalone GET, 16 threads sync} or
         * {@code cluster 3x1 lock contended, one name, 16 threads sync}, is to be measured: whether
         * it contains the {@code --only} text, or one of its {@code |}-separated texts.
         */
        boolean selects(String row) {
            return only == null || Stream.of(only.split("\\|")).anyMatch(row::contains);
        }

        /** Runs per row unless {@code --runs} says otherwise. */
        static final int DEFAULT_RUNS = 5;

        static BenchSettings parse(String[] args) {
            boolean shortMode = false;
            int runs = DEFAULT_RUNS;
            double seconds = 2;
            Path out = null;
            String only = null;
            List<String> peers = List.of();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--short" -> shortMode = true;
                    case "--runs" -> runs = Integer.parseInt(value(args, ++i, "--runs"));
                    case "--seconds" -> seconds = Double.parseDouble(value(args, ++i, "--seconds"));
                    case "--out" -> out = Path.of(value(args, ++i, "--out"));
                    case "--only" -> only = value(args, ++i, "--only");
                    case "--peers" -> peers = List.of(value(args, ++i, "--peers").split(","));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; use --short, --runs N, --seconds S, --out FILE, --only TEXT[|TEXT...], --peers A,B");
                }
            }
            if (shortMode) {
                return new BenchSettings(true, 1, Duration.ofMillis(300), Duration.ofMillis(200), out, only, peers);
            }
            if (runs < 1 || seconds <= 0) {
                throw new IllegalArgumentException("--runs must be at least 1 and --seconds positive");
            }
            Duration duration = Duration.ofMillis((long) (seconds * 1000));
            return new BenchSettings(false, runs, duration, duration, out, only, peers);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }
    }
}
