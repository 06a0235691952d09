package org.chatapp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reading redis-benchmark's CSV output, as version 7.0 prints it, and which of its runs stand for a batch. */
class RedisBenchmarkPeerTest {

    private static final String CLUSTER_OUTPUT = """
            Cluster has 3 master nodes:

            Master 0: d2c39d9c30b95cf7d8843408b572ddf3aff77657 127.0.0.1:41431

            "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
            "GET","80000.00","0.560","0.112","0.551","0.703","0.807","1.911"
            """;

    @Test
    void parseCsv_resultLine() {
        RunResult result = RedisBenchmarkPeer.parseCsv(Scenario.Operation.GET, 40_000, CLUSTER_OUTPUT).orElseThrow();

        assertThat(result.operations()).isEqualTo(40_000);
        assertThat(result.seconds()).isEqualTo(0.5);
        assertThat(result.opsPerSecond()).isEqualTo(80_000);
        assertThat(result.p50Nanos()).isEqualTo(551_000);
        assertThat(result.p99Nanos()).isEqualTo(807_000);
    }

    @Test
    void measuredAs_batch_inFlightCaseOfTheSameOperationAndSize() {
        RedisBenchmarkPeer peer = new RedisBenchmarkPeer(Path.of("redis-benchmark"), "7.0.15");

        assertThat(peer.measuredAs(new Scenario(Scenario.Operation.SET, Scenario.Driver.batch(128))))
                .isEqualTo(new Scenario(Scenario.Operation.SET, Scenario.Driver.async(128)));
    }

    @Test
    void measuredAs_notABatch_theCaseItself() {
        RedisBenchmarkPeer peer = new RedisBenchmarkPeer(Path.of("redis-benchmark"), "7.0.15");
        Scenario sync = new Scenario(Scenario.Operation.GET, Scenario.Driver.sync(16));

        assertThat(peer.measuredAs(sync)).isEqualTo(sync);
    }

    @Test
    void parseCsv_otherTest_empty() {
        assertThat(RedisBenchmarkPeer.parseCsv(Scenario.Operation.SET, 40_000, CLUSTER_OUTPUT)).isEmpty();
    }
}
