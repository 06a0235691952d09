package org.chatapp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The short mode CI runs: every row produces a number. Speed is never asserted here. */
class BenchSmokeIT {

    @Test
    void shortRun_everyRowHasAThroughput() {
        Report report = BenchMain.run(BenchMain.BenchSettings.parse(new String[] {"--short"}), Peers.all());

        assertThat(report.rows()).hasSize(2 * 6 * Peers.all().size());
        assertThat(report.rows()).allSatisfy(row -> assertThat(row.medianOpsPerSecond()).as(row.toString()).isPositive());
        assertThat(report.markdown()).contains("| cluster 3x1 | GET, 128 in flight | chatapp RedisService |");
    }
}
