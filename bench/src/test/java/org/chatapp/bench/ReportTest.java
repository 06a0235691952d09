package org.chatapp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.chatapp.redis.RedisNode;
import org.junit.jupiter.api.Test;

/** What the report makes of the building blocks' rows: their tables and their goals. Nothing is measured here. */
class ReportTest {

    private static final Topology STANDALONE = new Topology("standalone", List.of(new RedisNode("localhost", 7000)), false);
    private static final Scenario PUBSUB = new Scenario(Scenario.Operation.PUBLISH, Scenario.Driver.publishers(1));
    private static final Scenario LOCK = new Scenario(Scenario.Operation.LOCK_CONTENDED, Scenario.Driver.sync(16));

    private static final Peer EVENTS = new NamedPeer("chatapp RedisEvents", true);
    private static final Peer SPRING = new NamedPeer("Spring pub/sub", false);
    private static final Peer TOPIC = new NamedPeer("Redisson RTopic", false);
    private static final Peer LOCKS = new NamedPeer("chatapp RedisLocks", true);
    private static final Peer RLOCK = new NamedPeer("Redisson RLock", false);

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
