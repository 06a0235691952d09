package org.chatapp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short mode CI runs: every peer produces numbers in every case of its family, once each.
 * Speed is never asserted here. Without redis-benchmark on the PATH that peer is left out and the
 * rest still runs.
 */
class BenchSmokeIT {

    private static final int TOPOLOGIES = 2;

    @Test
    void shortRun_everyPeerHasNumbersInEveryCaseOfItsFamily() {
        List<Peer> peers = Peers.all();

        Report report = BenchMain.run(BenchMain.BenchSettings.parse(new String[] {"--short"}), peers);

        long expectedRows = 0;
        for (Peer peer : peers) {
            long cases = BenchMain.scenarios().stream().filter(peer::measures).count();
            assertThat(cases).as(peer.name() + " cases").isPositive();
            assertThat(report.rows()).as(peer.name() + " rows").filteredOn(row -> row.peer() == peer).hasSize((int) (TOPOLOGIES * cases));
            expectedRows += TOPOLOGIES * cases;
        }
        assertThat(report.rows()).hasSize((int) expectedRows);
        assertThat(report.rows()).allSatisfy(row -> {
            RunResult median = row.medianRun();
            assertThat(row.medianOpsPerSecond()).as(row.caseName() + " " + row.peer().name()).isPositive();
            assertThat(median.p50Nanos()).as(row.caseName() + " " + row.peer().name() + " p50").isPositive();
            assertThat(median.p99Nanos()).as(row.caseName() + " " + row.peer().name() + " p99").isPositive();
        });
        assertThat(report.markdown())
                .contains("## cluster 3x1, GET, 128 in flight")
                .contains("| chatapp RedisService |")
                .contains("### RedisService at least 0.95x raw Lettuce in every row")
                .contains("## cluster 3x1, SET, batch of 128")
                .contains("### RedisService's batch of 128 against redis-benchmark `-P 128`")
                .contains("### RedisService's batch of 128 ahead of every other Java peer's batch")
                .contains("## cluster 3x1, pub/sub, 16 publisher threads, 1 subscriber")
                .contains("| chatapp RedisEvents |")
                .contains("### RedisEvents ahead of Spring Data Redis and Redisson in events/s in every pub/sub row")
                .contains("## cluster 3x1, lock contended, one name, 16 threads sync")
                .contains("### RedisLocks ahead of Redisson's RLock in acquire-release pairs/s in every lock row")
                .contains("## cluster 3x1, rate limit sliding window, 128 in flight")
                .contains("## cluster 3x1, cache near hit, 16 threads sync")
                .contains("## cluster 3x1, cache misses on one key, 1000 callers at once over 2 instances")
                .contains("### RedisCache's near-cache hit at least 0.8x Caffeine alone in every near-cache row")
                .contains("### RedisCache's loader runs exactly once for 1000 concurrent misses on one key over two instances");
    }

    @Test
    void shortRun_onlyOneFamily_opensAndReportsOnlyItsPeers() {
        List<Peer> peers = Peers.all();

        Report report = BenchMain.run(BenchMain.BenchSettings.parse(new String[] {"--short", "--only", "lock"}), peers);

        assertThat(report.rows()).isNotEmpty().allSatisfy(row -> assertThat(row.scenario().family()).isEqualTo(Scenario.Family.LOCK));
        assertThat(report.markdown())
                .contains("- Lock peers")
                .doesNotContain("GET and SET peers")
                .doesNotContain("### RedisService at least 0.95x raw Lettuce");
    }
}
