package org.chatapp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short mode CI runs: every peer produces numbers in every case. Speed is never asserted
 * here. Without redis-benchmark on the PATH that peer is left out and the rest still runs.
 */
class BenchSmokeIT {

    private static final int TOPOLOGIES = 2;
    private static final int CASES = 6;

    @Test
    void shortRun_everyPeerHasNumbersInEveryCase() {
        List<Peer> peers = Peers.all();

        Report report = BenchMain.run(BenchMain.BenchSettings.parse(new String[] {"--short"}), peers);

        assertThat(report.rows()).hasSize(TOPOLOGIES * CASES * peers.size());
        for (Peer peer : peers) {
            assertThat(report.rows()).filteredOn(row -> row.peer() == peer).hasSize(TOPOLOGIES * CASES);
        }
        assertThat(report.rows()).allSatisfy(row -> {
            RunResult median = row.medianRun();
            assertThat(row.medianOpsPerSecond()).as(row.caseName() + " " + row.peer().name()).isPositive();
            assertThat(median.p50Nanos()).as(row.caseName() + " " + row.peer().name() + " p50").isPositive();
            assertThat(median.p99Nanos()).as(row.caseName() + " " + row.peer().name() + " p99").isPositive();
        });
        assertThat(report.markdown())
                .contains("## cluster 3x1, GET, 128 in flight")
                .contains("| chatapp RedisService |")
                .contains("### RedisService at least 0.95x raw Lettuce in every row");
    }
}
