package org.chatapp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.chatapp.redis.RedisNode;
import org.junit.jupiter.api.Test;

/** What the report makes of its rows: their tables and their goals. Nothing is measured here. */
class ReportTest {

    private static final Topology STANDALONE = new Topology("standalone", List.of(new RedisNode("localhost", 7000)), false);
    private static final Topology CLUSTER = new Topology("cluster 3x1", List.of(new RedisNode("localhost", 7001)), true);
    private static final Scenario GET_IN_FLIGHT = new Scenario(Scenario.Operation.GET, Scenario.Driver.async(128));
    private static final Scenario GET_BATCH = new Scenario(Scenario.Operation.GET, Scenario.Driver.batch(128));
    private static final Scenario PUBSUB = new Scenario(Scenario.Operation.PUBLISH, Scenario.Driver.publishers(1));
    private static final Scenario LOCK = new Scenario(Scenario.Operation.LOCK_CONTENDED, Scenario.Driver.sync(16));

    private static final Peer EVENTS = new NamedPeer("chatapp RedisEvents", true);
    private static final Peer SPRING = new NamedPeer("Spring pub/sub", false);
    private static final Peer TOPIC = new NamedPeer("Redisson RTopic", false);
    private static final Peer LOCKS = new NamedPeer("chatapp RedisLocks", true);
    private static final Peer RLOCK = new NamedPeer("Redisson RLock", false);
    private static final Peer SERVICE = ChatappPeer.defaults();
    private static final Peer LETTUCE = new LettucePeer();
    private static final Peer JEDIS = new NamedPeer("Jedis", false);
    /** Never run: its rows are made by hand. */
    private static final Peer REDIS_BENCHMARK = new RedisBenchmarkPeer(Path.of("redis-benchmark"), "7.0.15");

    private static final String BATCH_AGAINST_REDIS_BENCHMARK = "### RedisService's batch of 128 against redis-benchmark "
            + "`-P 128`: at least 0.8x on standalone and 0.6x on the cluster";
    private static final String BATCH_AHEAD = "### RedisService's batch of 128 ahead of every other Java peer's batch";

    @Test
    void markdown_batchAtGoalAndAheadOfThePeers_batchGoalsMet() {
        Report report = report(List.of(SERVICE, JEDIS, REDIS_BENCHMARK));
        report.add(STANDALONE, GET_BATCH, SERVICE, List.of(run(900_000, 100, 300, 0)));
        report.add(STANDALONE, GET_BATCH, JEDIS, List.of(run(800_000, 100, 300, 0)));
        report.add(STANDALONE, GET_BATCH, REDIS_BENCHMARK, List.of(run(1_000_000, 100, 300, 0)));

        assertThat(report.markdown())
                .contains("## standalone, GET, batch of 128")
                .contains(BATCH_AGAINST_REDIS_BENCHMARK + ": met\n\n- standalone, GET, batch of 128: 0.90x (goal 0.80x), met\n")
                .contains(BATCH_AHEAD + ": met\n\n- standalone, GET, batch of 128: best of the others Jedis, "
                        + "RedisService/best 1.13x, met\n");
    }

    @Test
    void markdown_batchBelowPointEightOnStandalone_redisBenchmarkGoalNotMet() {
        Report report = report(List.of(SERVICE, REDIS_BENCHMARK));
        report.add(STANDALONE, GET_BATCH, SERVICE, List.of(run(700_000, 100, 300, 0)));
        report.add(STANDALONE, GET_BATCH, REDIS_BENCHMARK, List.of(run(1_000_000, 100, 300, 0)));

        assertThat(report.markdown()).contains(BATCH_AGAINST_REDIS_BENCHMARK
                + ": not met in 1 of 1 rows\n\n- standalone, GET, batch of 128: 0.70x (goal 0.80x), not met\n");
    }

    @Test
    void markdown_batchAbovePointSixOnCluster_redisBenchmarkGoalMet() {
        Report report = report(List.of(SERVICE, REDIS_BENCHMARK));
        report.add(CLUSTER, GET_BATCH, SERVICE, List.of(run(650_000, 100, 300, 0)));
        report.add(CLUSTER, GET_BATCH, REDIS_BENCHMARK, List.of(run(1_000_000, 100, 300, 0)));

        assertThat(report.markdown()).contains(BATCH_AGAINST_REDIS_BENCHMARK
                + ": met\n\n- cluster 3x1, GET, batch of 128: 0.65x (goal 0.60x), met\n");
    }

    @Test
    void markdown_batchBehindAPeer_aheadGoalNotMet() {
        Report report = report(List.of(SERVICE, JEDIS, REDIS_BENCHMARK));
        report.add(STANDALONE, GET_BATCH, SERVICE, List.of(run(900_000, 100, 300, 0)));
        report.add(STANDALONE, GET_BATCH, JEDIS, List.of(run(1_000_000, 100, 300, 0)));
        report.add(STANDALONE, GET_BATCH, REDIS_BENCHMARK, List.of(run(1_000_000, 100, 300, 0)));

        assertThat(report.markdown()).contains(BATCH_AHEAD + ": not met in 1 of 1 rows\n\n- standalone, GET, batch of 128: "
                + "best of the others Jedis, RedisService/best 0.90x, not met\n");
    }

    @Test
    void markdown_batchAndInFlightRows_singleCallGoalsJudgeOnlyTheInFlightRow() {
        Report report = report(List.of(SERVICE, LETTUCE, REDIS_BENCHMARK));
        report.add(STANDALONE, GET_IN_FLIGHT, SERVICE, List.of(run(500_000, 100, 300, 0)));
        report.add(STANDALONE, GET_IN_FLIGHT, LETTUCE, List.of(run(100_000, 100, 300, 0)));
        report.add(STANDALONE, GET_IN_FLIGHT, REDIS_BENCHMARK, List.of(run(1_000_000, 100, 300, 0)));
        report.add(STANDALONE, GET_BATCH, SERVICE, List.of(run(50_000, 100, 300, 0)));
        report.add(STANDALONE, GET_BATCH, LETTUCE, List.of(run(100_000, 100, 300, 0)));
        report.add(STANDALONE, GET_BATCH, REDIS_BENCHMARK, List.of(run(1_000_000, 100, 300, 0)));

        assertThat(report.markdown())
                .contains("### RedisService at least 0.95x raw Lettuce in every row but the batches: met\n\n"
                        + "- standalone, GET, 128 in flight: 5.00x, met\n\n###")
                .contains("### RedisService against redis-benchmark: at least 0.9x with 1 and with 16 threads sync, 0.8x "
                        + "with 128 in flight on standalone and 0.6x on the cluster: not met in 1 of 1 rows\n\n"
                        + "- standalone, GET, 128 in flight: 0.50x (goal 0.80x), not met\n\n###");
    }

    @Test
    void markdown_batchWithoutRedisBenchmark_redisBenchmarkGoalNotMeasured() {
        Report report = report(List.of(SERVICE, JEDIS));
        report.add(STANDALONE, GET_BATCH, SERVICE, List.of(run(900_000, 100, 300, 0)));
        report.add(STANDALONE, GET_BATCH, JEDIS, List.of(run(800_000, 100, 300, 0)));

        assertThat(report.markdown()).contains(BATCH_AGAINST_REDIS_BENCHMARK + ": not measured, redis-benchmark was missing");
    }

    @Test
    void markdown_batchRows_tableHasCpuColumnsAndHeaderSaysWhatABatchRowIs() {
        Report report = report(List.of(SERVICE, REDIS_BENCHMARK));
        report.add(STANDALONE, GET_BATCH, SERVICE, List.of(new RunResult(900_000, 1.0, 100_000, 300_000, 450_000_000, 0)));
        report.add(STANDALONE, GET_BATCH, REDIS_BENCHMARK, List.of(run(1_000_000, 100, 300, 0)));

        assertThat(report.markdown())
                .contains("In a batch row, one thread sends a batch of commands")
                .contains("| chatapp RedisService | 900,000 | 900,000-900,000 | 100 | 300 | 0.5 | 0.45 | 0.90x | - |")
                .contains("| redis-benchmark 7.0.15 | 1,000,000 | 1,000,000-1,000,000 | 100 | 300 | - | - | 1.00x | - |");
    }

    @Test
    void markdown_noBatchRows_singleCallGoalTitlesUnchanged() {
        Report report = report(List.of(SERVICE, LETTUCE));
        report.add(STANDALONE, GET_IN_FLIGHT, SERVICE, List.of(run(500_000, 100, 300, 0)));
        report.add(STANDALONE, GET_IN_FLIGHT, LETTUCE, List.of(run(100_000, 100, 300, 0)));

        assertThat(report.markdown())
                .contains("### RedisService at least 0.95x raw Lettuce in every row: met")
                .doesNotContain("but the batches")
                .doesNotContain("In a batch row")
                .doesNotContain("### RedisService's batch");
    }

    @Test
    void markdown_pubSubCase_tableHasDeliveredAndARatioColumnPerOtherPeer() {
        Report report = report(List.of(EVENTS, SPRING, TOPIC));
        report.add(STANDALONE, PUBSUB, EVENTS, List.of(run(20_000, 100, 300, 0)));
        report.add(STANDALONE, PUBSUB, SPRING, List.of(run(10_000, 200, 600, 0)));
        report.add(STANDALONE, PUBSUB, TOPIC, List.of(run(5_000, 300, 900, 0)));

        assertThat(report.markdown())
                .contains("| peer | events/s (median) | min-max | p50 us | p99 us | delivered | CPU us/event | CPU cores "
                        + "| vs Spring pub/sub | vs Redisson RTopic |")
                .contains("| chatapp RedisEvents | 20,000 | 20,000-20,000 | 100 | 300 | 100 % | - | - | 2.00x | 4.00x |");
    }

    @Test
    void markdown_fewEventsLost_deliveredShareIsNeverRoundedToAHundred() {
        Report report = report(List.of(EVENTS));
        report.add(STANDALONE, PUBSUB, EVENTS, List.of(run(99_999, 100, 300, 1)));

        assertThat(report.markdown()).contains("| 99.99 % (1 lost) |");
    }

    @Test
    void markdown_eventsFasterAndQuicker_pubSubGoalsMet() {
        Report report = report(List.of(EVENTS, SPRING, TOPIC));
        report.add(STANDALONE, PUBSUB, EVENTS, List.of(run(20_000, 100, 300, 0)));
        report.add(STANDALONE, PUBSUB, SPRING, List.of(run(10_000, 200, 600, 0)));
        report.add(STANDALONE, PUBSUB, TOPIC, List.of(run(5_000, 300, 900, 0)));

        assertThat(report.markdown())
                .contains("### RedisEvents ahead of Spring Data Redis and Redisson in events/s in every pub/sub row: met")
                .contains("best of the others Spring pub/sub, RedisEvents/best 2.00x, met")
                .contains("at p50 and at p99, in every pub/sub row: met");
    }

    @Test
    void markdown_eventsBehindAPeer_pubSubRateGoalNotMet() {
        Report report = report(List.of(EVENTS, SPRING, TOPIC));
        report.add(STANDALONE, PUBSUB, EVENTS, List.of(run(9_000, 100, 300, 0)));
        report.add(STANDALONE, PUBSUB, SPRING, List.of(run(10_000, 200, 600, 0)));
        report.add(STANDALONE, PUBSUB, TOPIC, List.of(run(5_000, 300, 900, 0)));

        assertThat(report.markdown())
                .contains("### RedisEvents ahead of Spring Data Redis and Redisson in events/s in every pub/sub row: not met in 1 of 1 rows")
                .contains("RedisEvents/best 0.90x, not met");
    }

    @Test
    void markdown_eventsP99AbovePeer_pubSubLatencyGoalNotMet() {
        Report report = report(List.of(EVENTS, SPRING, TOPIC));
        report.add(STANDALONE, PUBSUB, EVENTS, List.of(run(20_000, 100, 1_000, 0)));
        report.add(STANDALONE, PUBSUB, SPRING, List.of(run(10_000, 200, 600, 0)));
        report.add(STANDALONE, PUBSUB, TOPIC, List.of(run(5_000, 300, 900, 0)));

        assertThat(report.markdown())
                .contains("at p50 and at p99, in every pub/sub row: not met in 1 of 1 rows")
                .contains("p50 100 us against 200 (Spring pub/sub), p99 1000 us against 600 (Spring pub/sub), not met");
    }

    @Test
    void markdown_locksBehindRedisson_lockGoalNotMet() {
        Report report = report(List.of(LOCKS, RLOCK));
        report.add(STANDALONE, LOCK, LOCKS, List.of(run(1_000, 100, 300, 0)));
        report.add(STANDALONE, LOCK, RLOCK, List.of(run(2_000, 100, 300, 0)));

        assertThat(report.markdown())
                .contains("| peer | pairs/s (median) |")
                .contains("| vs Redisson RLock |")
                .contains("### RedisLocks ahead of Redisson's RLock in acquire-release pairs/s in every lock row: not met in 1 of 1 rows");
    }

    @Test
    void markdown_onlyBuildingBlocks_noGetSetGoals() {
        Report report = report(List.of(LOCKS, RLOCK));
        report.add(STANDALONE, LOCK, LOCKS, List.of(run(2_000, 100, 300, 0)));
        report.add(STANDALONE, LOCK, RLOCK, List.of(run(1_000, 100, 300, 0)));

        assertThat(report.markdown()).doesNotContain("RedisService").doesNotContain("GET and SET peers");
    }

    @Test
    void markdown_cpuMeasured_namesTheCheapestPeerPerCallBesideRedisService() {
        Report report = report(List.of(SERVICE, JEDIS, REDIS_BENCHMARK));
        // 900,000 calls for 1.35 s of CPU: 1.5 us each; Jedis 800,000 for 0.56 s: 0.7 us.
        report.add(STANDALONE, GET_BATCH, SERVICE, List.of(new RunResult(900_000, 1.0, 100_000, 300_000, 1_350_000_000L, 0)));
        report.add(STANDALONE, GET_BATCH, JEDIS, List.of(new RunResult(800_000, 1.0, 100_000, 300_000, 560_000_000L, 0)));
        report.add(STANDALONE, GET_BATCH, REDIS_BENCHMARK, List.of(run(1_000_000, 100, 300, 0)));

        assertThat(report.markdown()).contains("## Cheapest per call\n")
                .contains("- standalone, GET, batch of 128: Jedis, 0.7 us; RedisService 1.5 us\n");
    }

    private static Report report(List<Peer> peers) {
        return new Report(BenchMain.BenchSettings.parse(new String[] {"--short"}), peers);
    }

    /** A one-second run with the given rate, latencies in microseconds and events lost. */
    private static RunResult run(long operations, long p50Micros, long p99Micros, long lost) {
        return new RunResult(operations, 1.0, p50Micros * 1000, p99Micros * 1000).withLost(lost);
    }

    /** A peer that only has a name, for rows made by hand. */
    private record NamedPeer(String name, boolean judged) implements Peer {

        @Override
        public String setup() {
            return "by hand";
        }

        @Override
        public boolean measures(Scenario scenario) {
            return true;
        }

        @Override
        public Session open(Topology topology, Runner runner) {
            throw new UnsupportedOperationException("rows of this peer are made by hand");
        }
    }
}
