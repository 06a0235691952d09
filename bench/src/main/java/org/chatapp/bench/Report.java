package org.chatapp.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Collects rows and renders them as the markdown in {@code docs/benchmarks.md}: family by family
 * (GET/SET, pub/sub, locks, rate limits, caches) what a row measures and a table per case, what spinning
 * gains and costs, then the goals.
 */
final class Report {

    /** One peer in one case: the runs and what the table shows of them. */
    record Row(Topology topology, Scenario scenario, Peer peer, List<RunResult> runs) {

        double medianOpsPerSecond() {
            return medianRun().opsPerSecond();
        }

        RunResult medianRun() {
            List<RunResult> sorted = runs.stream().sorted(Comparator.comparingDouble(RunResult::opsPerSecond)).toList();
            return sorted.get(sorted.size() / 2);
        }

        double min() {
            return runs.stream().mapToDouble(RunResult::opsPerSecond).min().orElse(0);
        }

        double max() {
            return runs.stream().mapToDouble(RunResult::opsPerSecond).max().orElse(0);
        }

        /** Returns the shortest run, in milliseconds: what a stampede row's time is. */
        double minMillis() {
            return runs.stream().mapToDouble(RunResult::seconds).min().orElse(0) * 1000;
        }

        double maxMillis() {
            return runs.stream().mapToDouble(RunResult::seconds).max().orElse(0) * 1000;
        }

        String caseName() {
            return topology.name() + ", " + scenario.label();
        }

        boolean sameCase(Row other) {
            return topology.equals(other.topology) && scenario.equals(other.scenario);
        }

        /** Returns whether this row is RedisService with its default options, the row the GET/SET goals judge. */
        boolean isDefaultChatapp() {
            return peer instanceof ChatappPeer chatapp && chatapp.isDefault();
        }

        /** Returns whether this row is the library's own in a family other than GET/SET, the row its goals judge. */
        boolean isJudgedBuildingBlock(Scenario.Family family) {
            return scenario.family() == family && peer.judged();
        }

        boolean isSpinOffChatapp() {
            return peer instanceof ChatappPeer chatapp && !chatapp.isDefault();
        }
    }

    /** How one row of RedisService fares against a goal: the figure and whether it meets it. */
    private record Check(String figure, boolean met) {
    }

    private static final double LETTUCE_GOAL = 0.95;
    private static final double NEAR_VS_CAFFEINE_GOAL = 0.8;
    private static final int NEAR_VS_GET_GOAL = 50;
    private static final double ASIDE_VS_GET_GOAL = 0.9;

    private final BenchMain.BenchSettings settings;
    private final List<Peer> peers;
    private final List<Row> rows = new ArrayList<>();

    Report(BenchMain.BenchSettings settings, List<Peer> peers) {
        this.settings = settings;
        this.peers = List.copyOf(peers);
    }

    void add(Topology topology, Scenario scenario, Peer peer, List<RunResult> runs) {
        rows.add(new Row(topology, scenario, peer, List.copyOf(runs)));
    }

    Row last() {
        return rows.get(rows.size() - 1);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Returns the peer's row of the case on the topology, if it was added. */
    Optional<Row> row(Topology topology, Scenario scenario, Peer peer) {
        return rows.stream()
                .filter(row -> row.peer() == peer && row.topology().equals(topology) && row.scenario().equals(scenario))
                .findFirst();
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        header(out);
        for (Scenario.Family family : Scenario.Family.values()) {
            Map<String, List<Row>> cases = new LinkedHashMap<>();
            rows.stream().filter(row -> row.scenario().family() == family)
                    .forEach(row -> cases.computeIfAbsent(row.caseName(), name -> new ArrayList<>()).add(row));
            if (!cases.isEmpty()) {
                String intro = familyIntro(family);
                if (!intro.isEmpty()) {
                    out.append('\n').append(intro);
                }
                cases.forEach((name, caseRows) -> table(out, name, caseRows));
            }
        }
        cheapest(out);
        spinning(out);
        goals(out);
        return out.toString();
    }

    /**
     * Writes, per GET and SET case, the peer whose process spent the least CPU per call in its
     * median run (redis-benchmark, a process of its own, is not measured), and what RedisService spent.
     */
    private void cheapest(StringBuilder out) {
        Map<String, List<Row>> cases = new LinkedHashMap<>();
        rows.stream().filter(row -> row.scenario().family() == Scenario.Family.KEY_VALUE && row.medianRun().cpuMeasured())
                .forEach(row -> cases.computeIfAbsent(row.caseName(), name -> new ArrayList<>()).add(row));
        List<String> lines = new ArrayList<>();
        cases.forEach((name, caseRows) -> {
            Row cheapest = caseRows.stream().min(Comparator.comparingDouble(row -> row.medianRun().cpuMicrosPerOperation())).orElseThrow();
            String ours = caseRows.stream().filter(Row::isDefaultChatapp).findFirst()
                    .map(row -> String.format(Locale.ROOT, "; RedisService %.1f us", row.medianRun().cpuMicrosPerOperation()))
                    .orElse("");
            lines.add(String.format(Locale.ROOT, "- %s: %s, %.1f us%s", name, cheapest.peer().name(),
                    cheapest.medianRun().cpuMicrosPerOperation(), ours));
        });
        if (lines.isEmpty()) {
            return;
        }
        out.append("\n## Cheapest per call\n\n");
        out.append("The peer whose JVM spent the least CPU per call in the median run of each GET and SET case (the "
                + "CPU us/op column), beside RedisService's.\n\n");
        lines.forEach(line -> out.append(line).append('\n'));
    }

    /** Returns what a row of the family measures, exactly, ahead of its tables; nothing for GET/SET, which the header explains. */
    private static String familyIntro(Scenario.Family family) {
        return switch (family) {
            case KEY_VALUE -> "";
            case PUB_SUB -> String.format(Locale.ROOT, """
                    ## Pub/sub: what a row measures

                    Each peer is one client that publishes and subscribes, as a chat service does: one subscriber
                    (one handler) on a channel of the peer's own, and 1 or 16 threads that each publish their next
                    event as soon as the blocking publish call returns. An event is a JSON object of a run number, a
                    `System.nanoTime()` taken just before the publish call and a %d-character text, written and read
                    by each library's own Jackson 3 codec. After the publishers stop, the run waits until every event
                    reached the handler, or until none arrived for 2 s. "events/s" is the events the handler got per
                    second, from the first publish to the last delivery (a subscriber that falls behind is charged
                    for it); p50 and p99 are publish-to-handler latencies, from just before the publish call to the
                    handler's first line, after the library read the JSON; "delivered" is the share of the events
                    published that reached the handler in the median run. A "vs" column divides the row's events/s
                    by that peer's.
                    """, BenchMain.VALUE_BYTES);
            case LOCK -> """
                    ## Locks: what a row measures

                    A call is one acquire and one release of a lock with the library's defaults (a 30 s lease that a
                    watchdog renews), around an empty critical section. "lock uncontended": each thread has a lock
                    name of its own, so no thread ever waits for another, and the row measures what a lock costs
                    (1 thread: one acquire-release after another; 16 threads: 16 such loops at once on distinct names).
                    "lock contended, one name": the 16 threads take turns on one name, so at any time one holds it and
                    the others wait; the row measures how fast the lock passes from holder to waiter, and a
                    call's latency includes the wait. "pairs/s" is acquire-release pairs per second; a "vs" column
                    divides the row's pairs/s by that peer's.
                    """;
            case RATE_LIMIT -> String.format(Locale.ROOT, """
                    ## Rate limits: what a row measures

                    A call asks a limiter for one permit for a key drawn at random from the same %,d keys as GET
                    and SET (a user id, say); every limiter grants %,d permits per key and second, far above what
                    a run asks of one key, so every decision is an allow (the path nearly every call takes).
                    "decisions/s" is decisions per second, blocking from 1 and 16 threads, or with 128 in flight
                    through the non-blocking call. Redisson's `RRateLimiter` is a sliding-window log, so it is in
                    the sliding-window rows only; a "vs" column divides the row's decisions/s by that peer's.
                    """, BenchMain.KEYS, RateLimitPeer.LIMIT);
            case CACHE -> String.format(Locale.ROOT, """
                    ## Caches: what a row measures

                    "cache near hit" and "cache-aside hit": a call reads a key drawn at random from %,d keys that the
                    cache holds (each written first, with a TTL no run reaches), with a loader that is never called,
                    from 1 or 16 blocking threads; "reads/s" is reads per second. A near-cache hit is answered in the
                    process; a cache-aside hit (near cache off) reads the entry from Redis. Both are set against a plain
                    `RedisService.get` of a key holding the same %d-byte value, and the near cache also against Caffeine
                    alone. Every call is timed (two `System.nanoTime()` reads), in every row alike, which weighs most on
                    the in-process rows. p50 and p99 are in microseconds with two decimals here.

                    "cache misses on one key": %,d callers, half on each of two instances of a service (each with its
                    own client, or its own Spring context, on the same Redis), wait at a gate, then all ask at once for
                    a key that no run asked for before, with a loader that takes %d ms. "loader calls" is how often the
                    loader ran for those %,d callers (the goal is 1); "ms to serve all" is the time from the gate's
                    opening to the last caller served, and p50 and p99 are the callers' own times from the gate, in
                    milliseconds. A value other than the loader's fails the run.
                    """, BenchMain.KEYS, BenchMain.VALUE_BYTES, BenchMain.STAMPEDE_CALLERS, StampedePeer.LOAD_TIME.toMillis(),
                    BenchMain.STAMPEDE_CALLERS);
        };
    }

    private void header(StringBuilder out) {
        out.append("# Benchmarks\n\n");
        out.append("Generated by `java -jar bench/target/bench.jar").append(settings.shortMode() ? " --short" : "")
                .append(!settings.shortMode() && settings.runs() != BenchMain.BenchSettings.DEFAULT_RUNS ? " --runs " + settings.runs() : "")
                .append(settings.only() == null ? "" : " --only \"" + settings.only() + "\"")
                .append(settings.peers().isEmpty() ? "" : " --peers " + String.join(",", settings.peers()))
                .append("` on ").append(LocalDate.now()).append(".\n\n");
        out.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(MachineInfo.cpuModel()).append(", shared with the redis-server processes\n");
        out.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version")).append('\n');
        out.append("- redis-server ").append(MachineInfo.redisVersion()).append("; ").append(BenchMain.KEYS).append(" keys, ")
                .append(BenchMain.VALUE_BYTES).append("-byte values\n");
        out.append("- ").append(settings.runs()).append(settings.runs() == 1 ? " run of " : " runs of ")
                .append(settings.duration().toMillis())
                .append(" ms per row after a warm-up of ").append(settings.warmup().toMillis())
                .append(" ms, interleaved across peers\n");
        for (Scenario.Family family : Scenario.Family.values()) {
            List<Peer> measured = peers.stream()
                    .filter(peer -> rows.stream().anyMatch(row -> row.peer() == peer && row.scenario().family() == family))
                    .toList();
            if (measured.isEmpty()) {
                continue;
            }
            out.append("- ").append(peersTitle(family)).append(":\n");
            for (Peer peer : measured) {
                out.append("  - ").append(peer.name()).append(": ").append(peer.setup()).append('\n');
            }
            if (family == Scenario.Family.KEY_VALUE && !measuresRedisBenchmark()) {
                out.append("  - redis-benchmark: missing (not on the PATH), so not measured\n");
            }
        }
        if (rows.stream().anyMatch(row -> row.scenario().family() == Scenario.Family.KEY_VALUE)) {
            out.append("\nIn GET and SET, the \"vs\" columns divide a peer's median ops/s by that of redis-benchmark or of raw "
                    + "Lettuce in the same case. A latency is a call's time from issue to reply; in a pipeline, each command's "
                    + "is its batch's.\n");
        }
        if (rows.stream().anyMatch(row -> row.scenario().driver().isBatch())) {
            out.append("\nIn a batch row, one thread sends a batch of commands on random keys through the peer's own batch API "
                    + "(its setup above says which), waits until every reply has arrived and been read, and sends the next. "
                    + "redis-benchmark's `-c 1 -P 128` does the same as with 128 in flight, so its batch row shows the runs "
                    + "of its 128-in-flight row where that was measured in the same run.\n");
        }
        out.append("\nThe CPU columns are the CPU time the benchmark's JVM used during the median run, all its threads "
                + "together (callers, event loops, GC), per call and per second of the run (cores kept busy). The "
                + "redis-server processes are not in it, nor is redis-benchmark, which runs in a process of its own. "
                + "A spinning caller shows here: it keeps a core busy while it waits, where a parked one does not.\n");
    }

    private static String peersTitle(Scenario.Family family) {
        return switch (family) {
            case KEY_VALUE -> "GET and SET peers, all on the same servers and, but for redis-benchmark, the same keys";
            case PUB_SUB -> "Pub/sub peers, each one client that publishes and subscribes, on a channel of its own";
            case LOCK -> "Lock peers, each on lock names of its own";
            case RATE_LIMIT -> "Rate-limit peers, on the same keys, each under names of its own";
            case CACHE -> "Cache peers, each under names of its own: the hit rows on the same keys, the stampede on a key new in every run";
        };
    }

    private void table(StringBuilder out, String caseName, List<Row> caseRows) {
        Scenario.Family family = caseRows.get(0).scenario().family();
        out.append("\n## ").append(caseName).append("\n\n");
        if (family == Scenario.Family.KEY_VALUE) {
            out.append("| peer | ops/s (median) | min-max | p50 us | p99 us | CPU us/op | CPU cores | vs redis-benchmark | vs Lettuce |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Row row : caseRows) {
                RunResult median = row.medianRun();
                out.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f-%,.0f | %.0f | %.0f | %s | %s | %s | %s |%n",
                        row.peer().name(), row.medianOpsPerSecond(), row.min(), row.max(), median.p50Nanos() / 1000.0,
                        median.p99Nanos() / 1000.0, cpuPerOperationText(median), cpuCoresText(median),
                        ratioText(row, RedisBenchmarkPeer.class::isInstance), ratioText(row, LettucePeer.class::isInstance)));
            }
            return;
        }
        if (caseRows.get(0).scenario().operation() == Scenario.Operation.CACHE_STAMPEDE) {
            stampedeTable(out, caseRows);
            return;
        }
        // The others' rows are the references: this library's row against each of them, and each against the others.
        List<Peer> references = caseRows.stream().map(Row::peer).filter(peer -> !peer.judged()).toList();
        String unit = switch (family) {
            case PUB_SUB -> "events";
            case LOCK -> "pairs";
            case CACHE -> "reads";
            default -> "decisions";
        };
        String singular = switch (family) {
            case PUB_SUB -> "event";
            case LOCK -> "pair";
            case CACHE -> "read";
            default -> "decision";
        };
        // An in-process hit takes well under a microsecond: whole microseconds would show nothing.
        String latency = family == Scenario.Family.CACHE ? "%.2f" : "%.0f";
        boolean pubSub = family == Scenario.Family.PUB_SUB;
        StringBuilder head = new StringBuilder("| peer | " + unit + "/s (median) | min-max | p50 us | p99 us | ");
        StringBuilder rule = new StringBuilder("|---|---:|---:|---:|---:|");
        if (pubSub) {
            head.append("delivered | ");
            rule.append("---:|");
        }
        head.append("CPU us/").append(singular).append(" | CPU cores |");
        rule.append("---:|---:|");
        for (Peer reference : references) {
            head.append(" vs ").append(reference.name()).append(" |");
            rule.append("---:|");
        }
        out.append(head).append('\n').append(rule).append('\n');
        for (Row row : caseRows) {
            RunResult median = row.medianRun();
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f-%,.0f | " + latency + " | " + latency + " |",
                    row.peer().name(), row.medianOpsPerSecond(), row.min(), row.max(), median.p50Nanos() / 1000.0,
                    median.p99Nanos() / 1000.0));
            if (pubSub) {
                out.append(' ').append(deliveredText(median)).append(" |");
            }
            out.append(' ').append(cpuPerOperationText(median)).append(" | ").append(cpuCoresText(median)).append(" |");
            for (Peer reference : references) {
                out.append(' ').append(ratioText(row, reference::equals)).append(" |");
            }
            out.append('\n');
        }
    }

    /**
     * Writes a stampede case: per peer the loader calls and the time to serve every caller, of the
     * median run (by that time) and of every run.
     */
    private static void stampedeTable(StringBuilder out, List<Row> caseRows) {
        out.append("| peer | loader calls (median run) | loader calls, each run | ms to serve all (median) | min-max ms | "
                + "p50 ms | p99 ms | CPU us/caller | CPU cores |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : caseRows) {
            RunResult median = row.medianRun();
            out.append(String.format(Locale.ROOT, "| %s | %d | %s | %.0f | %.0f-%.0f | %.0f | %.0f | %s | %s |%n",
                    row.peer().name(), median.loads(), loadsText(row), median.seconds() * 1000, row.minMillis(),
                    row.maxMillis(), median.p50Nanos() / 1e6, median.p99Nanos() / 1e6, cpuPerOperationText(median),
                    cpuCoresText(median)));
        }
    }

    /** Returns the loader calls of every run of a stampede row, in the order they ran. */
    static String loadsText(Row row) {
        return String.join(", ", row.runs().stream().map(run -> Long.toString(run.loads())).toList());
    }

    private static String deliveredText(RunResult run) {
        if (run.lost() == 0) {
            return "100 %";
        }
        // Never rounded up to 100 %: a loss, however small, shows.
        return String.format(Locale.ROOT, "%.2f %% (%,d lost)", Math.floor(run.deliveredShare() * 10_000) / 100, run.lost());
    }

    /**
     * Writes, per blocking case, what RedisService's spin gains and costs against the same service
     * with spinning off: only blocking single calls spin (a batch's caller parks at once), so the
     * in-flight and batch cases are left out.
     */
    private void spinning(StringBuilder out) {
        List<String> lines = new ArrayList<>();
        for (Row row : rows) {
            if (!row.isDefaultChatapp() || row.scenario().driver().isAsync() || row.scenario().driver().isBatch()) {
                continue;
            }
            rows.stream().filter(other -> other.isSpinOffChatapp() && other.sameCase(row)).findFirst()
                    .ifPresent(spinOff -> lines.add("- " + row.caseName() + ": " + spinComparison(row, spinOff)));
        }
        if (lines.isEmpty()) {
            return;
        }
        out.append("\n## Spinning: gain and cost\n\n");
        out.append("RedisService as configured by default against the same service with `spinWait(Duration.ZERO)`, "
                + "median runs; on fewer than 2 CPUs the default does not spin and both are the same.\n\n");
        lines.forEach(line -> out.append(line).append('\n'));
    }

    private static String spinComparison(Row spinning, Row spinOff) {
        RunResult on = spinning.medianRun();
        RunResult off = spinOff.medianRun();
        String gain = String.format(Locale.ROOT, "%s the ops/s (%,.0f against %,.0f)",
                times(spinning.medianOpsPerSecond() / spinOff.medianOpsPerSecond()), spinning.medianOpsPerSecond(),
                spinOff.medianOpsPerSecond());
        if (!on.cpuMeasured() || !off.cpuMeasured()) {
            return gain + ", CPU not measured";
        }
        return gain + String.format(Locale.ROOT, ", %s the CPU per call (%.1f against %.1f us), %.2f against %.2f cores",
                times(on.cpuMicrosPerOperation() / off.cpuMicrosPerOperation()), on.cpuMicrosPerOperation(),
                off.cpuMicrosPerOperation(), on.cpuCores(), off.cpuCores());
    }

    private static String cpuPerOperationText(RunResult run) {
        return run.cpuMeasured() ? String.format(Locale.ROOT, "%.1f", run.cpuMicrosPerOperation()) : "-";
    }

    private static String cpuCoresText(RunResult run) {
        return run.cpuMeasured() ? String.format(Locale.ROOT, "%.2f", run.cpuCores()) : "-";
    }

    private void goals(StringBuilder out) {
        out.append("\n## Goals\n\n");
        out.append("On ").append(Runtime.getRuntime().availableProcessors()).append(" cores shared with the servers a row varies by about 10 % from run to run; where two\n"
                + "peers' min-max ranges overlap, a ratio below 1 is not a measured difference. Why a goal is\n"
                + "missed, and what was tried to meet it: [performance.md](performance.md).\n");
        if (rows.stream().anyMatch(Row::isDefaultChatapp)) {
            keyValueGoals(out);
        }
        Predicate<Row> events = row -> row.isJudgedBuildingBlock(Scenario.Family.PUB_SUB);
        if (rows.stream().anyMatch(events)) {
            goal(out, "RedisEvents ahead of Spring Data Redis and Redisson in events/s in every pub/sub row", events,
                    row -> aheadOfTheOthers(row, "RedisEvents"));
            goal(out, "RedisEvents' publish-to-handler latency below Spring Data Redis's and Redisson's, at p50 and at p99, "
                    + "in every pub/sub row", events, this::latencyBelowTheOthers);
        }
        Predicate<Row> locks = row -> row.isJudgedBuildingBlock(Scenario.Family.LOCK);
        if (rows.stream().anyMatch(locks)) {
            goal(out, "RedisLocks ahead of Redisson's RLock in acquire-release pairs/s in every lock row", locks,
                    row -> aheadOfTheOthers(row, "RedisLocks"));
        }
        cacheGoals(out);
    }

    /**
     * Writes the cache goals: the hits against Caffeine alone and a plain GET, the loader calls of a
     * stampede and the time to serve it against the best other peer.
     */
    private void cacheGoals(StringBuilder out) {
        Predicate<Row> nearHits = judgedIn(Scenario.Operation.CACHE_NEAR_HIT);
        if (rows.stream().anyMatch(nearHits)) {
            goal(out, "RedisCache's near-cache hit at least " + NEAR_VS_CAFFEINE_GOAL + "x Caffeine alone in every near-cache row",
                    nearHits, row -> atLeast(row, CaffeinePeer.class::isInstance, NEAR_VS_CAFFEINE_GOAL));
            goal(out, "RedisCache's near-cache hit at least " + NEAR_VS_GET_GOAL + "x a RedisService GET in every near-cache row",
                    nearHits, row -> atLeast(row, RedisServiceGetPeer.class::isInstance, NEAR_VS_GET_GOAL));
        }
        Predicate<Row> asideHits = judgedIn(Scenario.Operation.CACHE_ASIDE_HIT);
        if (rows.stream().anyMatch(asideHits)) {
            goal(out, "RedisCache's cache-aside hit (near cache off) at least " + ASIDE_VS_GET_GOAL + "x a RedisService GET "
                    + "(at most 10 % slower) in every cache-aside row", asideHits,
                    row -> atLeast(row, RedisServiceGetPeer.class::isInstance, ASIDE_VS_GET_GOAL));
        }
        Predicate<Row> stampedes = judgedIn(Scenario.Operation.CACHE_STAMPEDE);
        if (rows.stream().anyMatch(stampedes)) {
            goal(out, "RedisCache's loader runs exactly once for " + BenchMain.STAMPEDE_CALLERS + " concurrent misses on one key "
                    + "over two instances, in every run", stampedes, this::loadsOnce);
            goal(out, "RedisCache serves all " + BenchMain.STAMPEDE_CALLERS + " callers no slower than the best other peer",
                    stampedes, this::servedNoSlower);
        }
    }

    private static Predicate<Row> judgedIn(Scenario.Operation operation) {
        return row -> row.scenario().operation() == operation && row.peer().judged();
    }

    /** Returns how a row compares with a reference peer's row of its case against a least ratio of throughputs. */
    private Optional<Check> atLeast(Row row, Predicate<Peer> reference, double goal) {
        return ratio(row, reference).map(ratio -> new Check(times(ratio), ratio >= goal));
    }

    /** Returns the loader calls of every run of a stampede row, met when each is exactly one; the others' for comparison. */
    private Optional<Check> loadsOnce(Row row) {
        String others = others(row).map(other -> other.peer().name() + " " + loadsText(other)).reduce((a, b) -> a + "; " + b)
                .map(text -> " (" + text + ")").orElse("");
        boolean once = row.runs().stream().allMatch(run -> run.loads() == 1);
        return Optional.of(new Check("loader calls per run " + loadsText(row) + others, once));
    }

    /** Returns how a stampede row's median time to serve every caller compares with the quickest other peer's. */
    private Optional<Check> servedNoSlower(Row row) {
        return others(row).min(Comparator.comparingDouble(other -> other.medianRun().seconds())).map(best -> {
            double mine = row.medianRun().seconds();
            double theirs = best.medianRun().seconds();
            String figure = String.format(Locale.ROOT, "%.0f ms against %.0f ms for the quickest other, %s (%s loader calls), "
                    + "time ratio %.2f", mine * 1000, theirs * 1000, best.peer().name(), best.medianRun().loads(), mine / theirs);
            // The quickest may be quick by loading many times; the quickest that also loaded once is the fair comparison to show.
            Optional<Row> bestOnce = others(row).filter(other -> other.runs().stream().allMatch(run -> run.loads() == 1))
                    .min(Comparator.comparingDouble(other -> other.medianRun().seconds()));
            if (bestOnce.isPresent() && bestOnce.get() != best) {
                figure += String.format(Locale.ROOT, "; the quickest other with one load in every run, %s, %.0f ms",
                        bestOnce.get().peer().name(), bestOnce.get().medianRun().seconds() * 1000);
            }
            return new Check(figure, mine <= theirs);
        });
    }

    /**
     * Writes the GET/SET goals: those of the single calls (blocking and in flight), then those of
     * the explicit batch, which has goals of its own.
     */
    private void keyValueGoals(StringBuilder out) {
        Predicate<Row> service = row -> row.isDefaultChatapp() && !row.scenario().driver().isBatch();
        Predicate<Row> batches = row -> row.isDefaultChatapp() && row.scenario().driver().isBatch();
        boolean anyBatch = rows.stream().anyMatch(batches);
        String butBatches = anyBatch ? " but the batches" : "";
        if (rows.stream().anyMatch(service)) {
            goal(out, "RedisService at least " + LETTUCE_GOAL + "x raw Lettuce in every row" + butBatches, service, row ->
                    ratio(row, LettucePeer.class::isInstance)
                            .map(ratio -> new Check(times(ratio), ratio >= LETTUCE_GOAL)));
            goal(out, "RedisService ahead of every other Java peer in every row" + butBatches, service, this::aheadOfJavaPeers);
            againstRedisBenchmark(out, "RedisService against redis-benchmark: at least 0.9x with 1 and with 16 threads "
                    + "sync, 0.8x with 128 in flight on standalone and 0.6x on the cluster", service);
        }
        if (anyBatch) {
            againstRedisBenchmark(out, "RedisService's batch of 128 against redis-benchmark `-P 128`: at least 0.8x on "
                    + "standalone and 0.6x on the cluster", batches);
            goal(out, "RedisService's batch of 128 ahead of every other Java peer's batch", batches, this::aheadOfJavaPeers);
        }
    }

    /** Returns how a RedisService row compares with the fastest other Java peer in its case. */
    private Optional<Check> aheadOfJavaPeers(Row row) {
        return bestOtherJavaPeer(row).map(best -> {
            double ratio = row.medianOpsPerSecond() / best.medianOpsPerSecond();
            return new Check("best of the others " + best.peer().name() + ", RedisService/best " + times(ratio), ratio > 1);
        });
    }

    /** Writes a goal of RedisService's rows against redis-benchmark, or that it was not measured. */
    private void againstRedisBenchmark(StringBuilder out, String title, Predicate<Row> judged) {
        if (!measuresRedisBenchmark()) {
            out.append("\n### ").append(title).append(": not measured, redis-benchmark was missing\n");
            return;
        }
        goal(out, title, judged, row -> ratio(row, RedisBenchmarkPeer.class::isInstance).map(ratio -> {
            double goal = redisBenchmarkGoal(row);
            return new Check(times(ratio) + " (goal " + times(goal) + ")", ratio >= goal);
        }));
    }

    /** Returns how a building block's row compares with the best of the other peers in its case, in calls per second. */
    private Optional<Check> aheadOfTheOthers(Row row, String subject) {
        return others(row).max(Comparator.comparingDouble(Row::medianOpsPerSecond)).map(best -> {
            double ratio = row.medianOpsPerSecond() / best.medianOpsPerSecond();
            return new Check("best of the others " + best.peer().name() + ", " + subject + "/best " + times(ratio), ratio > 1);
        });
    }

    /** Returns how a pub/sub row's median latencies compare with the lowest of the other peers' in its case. */
    private Optional<Check> latencyBelowTheOthers(Row row) {
        Optional<Row> bestP50 = others(row).min(Comparator.comparingLong(other -> other.medianRun().p50Nanos()));
        Optional<Row> bestP99 = others(row).min(Comparator.comparingLong(other -> other.medianRun().p99Nanos()));
        if (bestP50.isEmpty() || bestP99.isEmpty()) {
            return Optional.empty();
        }
        long p50 = row.medianRun().p50Nanos();
        long p99 = row.medianRun().p99Nanos();
        long otherP50 = bestP50.get().medianRun().p50Nanos();
        long otherP99 = bestP99.get().medianRun().p99Nanos();
        String figure = String.format(Locale.ROOT, "p50 %.0f us against %.0f (%s), p99 %.0f us against %.0f (%s)",
                p50 / 1000.0, otherP50 / 1000.0, bestP50.get().peer().name(), p99 / 1000.0, otherP99 / 1000.0,
                bestP99.get().peer().name());
        return Optional.of(new Check(figure, p50 < otherP50 && p99 < otherP99));
    }

    /** Returns the rows of the other peers in a building block's case. */
    private Stream<Row> others(Row row) {
        return rows.stream().filter(other -> other.sameCase(row) && !other.peer().judged());
    }

    /** Writes a goal's verdict over the rows it judges, and each row's figure. */
    private void goal(StringBuilder out, String title, Predicate<Row> judged, Function<Row, Optional<Check>> check) {
        List<String> lines = new ArrayList<>();
        int missed = 0;
        for (Row row : rows) {
            if (!judged.test(row)) {
                continue;
            }
            Optional<Check> result = check.apply(row);
            if (result.isPresent()) {
                boolean met = result.get().met();
                missed += met ? 0 : 1;
                lines.add("- " + row.caseName() + ": " + result.get().figure() + ", " + (met ? "met" : "not met"));
            }
        }
        String verdict = lines.isEmpty() ? "not measured"
                : missed == 0 ? "met" : "not met in " + missed + " of " + lines.size() + " rows";
        out.append("\n### ").append(title).append(": ").append(verdict).append("\n\n");
        lines.forEach(line -> out.append(line).append('\n'));
    }

    private Optional<Row> bestOtherJavaPeer(Row chatapp) {
        // RedisService with spinning off is not another peer: it is the goal's own subject, configured otherwise.
        return rows.stream()
                .filter(other -> other.sameCase(chatapp) && !(other.peer() instanceof ChatappPeer)
                        && !(other.peer() instanceof RedisBenchmarkPeer))
                .max(Comparator.comparingDouble(Row::medianOpsPerSecond));
    }

    /** Returns the least share of redis-benchmark's throughput that RedisService is to reach in the row's case. */
    private static double redisBenchmarkGoal(Row row) {
        Scenario.Driver driver = row.scenario().driver();
        if (!driver.isAsync() && !driver.isBatch()) {
            return 0.9;
        }
        // On the cluster each redis-benchmark client stays on one master and one slot; a library routes every call.
        return row.topology().cluster() ? 0.6 : 0.8;
    }

    private String ratioText(Row row, Predicate<Peer> reference) {
        return ratio(row, reference).map(Report::times).orElse("-");
    }

    private Optional<Double> ratio(Row row, Predicate<Peer> reference) {
        return rows.stream()
                .filter(other -> reference.test(other.peer()) && other.sameCase(row))
                .findFirst()
                .map(other -> row.medianOpsPerSecond() / other.medianOpsPerSecond());
    }

    private boolean measuresRedisBenchmark() {
        return peers.stream().anyMatch(RedisBenchmarkPeer.class::isInstance);
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }
}
