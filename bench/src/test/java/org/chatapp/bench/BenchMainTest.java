package org.chatapp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.chatapp.redis.RedisNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How cases are measured over peers, with peers that count their runs instead of connecting:
 * a peer that drives a batch as it drives the in-flight case of the same size shows those runs
 * again rather than measuring the same thing twice.
 */
class BenchMainTest {

    private static final Topology STANDALONE = new Topology("standalone", List.of(new RedisNode("localhost", 7000)), false);
    private static final Scenario IN_FLIGHT = new Scenario(Scenario.Operation.GET, Scenario.Driver.async(128));
    private static final Scenario BATCH = new Scenario(Scenario.Operation.GET, Scenario.Driver.batch(128));
    private static final BenchMain.BenchSettings SHORT = BenchMain.BenchSettings.parse(new String[] {"--short"});
    private static final Runner RUNNER = new Runner(new String[] {"key:0"}, "x");

    @Test
    void measure_batchAfterInFlight_peerDrivingBothAlikeShowsTheInFlightRunsWithoutRunning() {
        CountingPeer alike = new CountingPeer(true);
        Report report = new Report(SHORT, List.of(alike));

        BenchMain.measure(STANDALONE, List.of(alike), List.of(IN_FLIGHT, BATCH), RUNNER, SHORT, report);

        assertThat(alike.ran).doesNotContain(BATCH);
        assertThat(report.row(STANDALONE, BATCH, alike).orElseThrow().runs())
                .isEqualTo(report.row(STANDALONE, IN_FLIGHT, alike).orElseThrow().runs());
    }

    @Test
    void measure_batchAfterInFlight_otherPeersMeasureTheBatch() {
        CountingPeer alike = new CountingPeer(true);
        CountingPeer other = new CountingPeer(false);
        Report report = new Report(SHORT, List.of(alike, other));

        BenchMain.measure(STANDALONE, List.of(alike, other), List.of(IN_FLIGHT, BATCH), RUNNER, SHORT, report);

        // A warm-up and the one run of --short.
        assertThat(other.ran).filteredOn(BATCH::equals).hasSize(2);
        assertThat(report.row(STANDALONE, BATCH, other)).isPresent();
    }

    @Test
    void measure_batchAlone_peerDrivingBothAlikeMeasuresTheBatch() {
        CountingPeer alike = new CountingPeer(true);
        Report report = new Report(SHORT, List.of(alike));

        BenchMain.measure(STANDALONE, List.of(alike), List.of(BATCH), RUNNER, SHORT, report);

        assertThat(alike.ran).filteredOn(BATCH::equals).hasSize(2);
        assertThat(report.row(STANDALONE, BATCH, alike).orElseThrow().runs()).hasSize(1);
    }

    /** A GET/SET peer that records the cases it was run in, and takes a batch for in flight if told to. */
    private static final class CountingPeer implements Peer {

        private final boolean batchAsInFlight;
        private final List<Scenario> ran = new ArrayList<>();

        CountingPeer(boolean batchAsInFlight) {
            this.batchAsInFlight = batchAsInFlight;
        }

        @Override
        public String name() {
            return batchAsInFlight ? "alike" : "other";
        }

        @Override
        public String setup() {
            return "counts its runs";
        }

        @Override
        public Scenario measuredAs(Scenario scenario) {
            return batchAsInFlight && scenario.driver().isBatch()
                    ? new Scenario(scenario.operation(), Scenario.Driver.async(scenario.driver().batch()))
                    : scenario;
        }

        @Override
        public Session open(Topology topology, Runner runner) {
            return new Session() {
                @Override
                public RunResult run(Scenario scenario, Duration duration) {
                    ran.add(scenario);
                    return new RunResult(1_000 * ran.size(), 1.0, 100_000, 300_000);
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @Test
    void keptSection_reportWithTheChatLoadSection_keepsItToTheEnd(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("benchmarks.md");
        Files.writeString(out, "# Benchmarks\n\n## Goals\n\nmet\n\n## Chat load\n\n| step |\n\n### Reading\n\nslow\n");

        assertThat(BenchMain.keptSection(out)).isEqualTo("\n## Chat load\n\n| step |\n\n### Reading\n\nslow\n");
    }

    @Test
    void keptSection_reportWithoutIt_keepsNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("benchmarks.md");
        Files.writeString(out, "# Benchmarks\n\n## Goals\n\nThe chat load is not here: ## Chat loads\n");

        assertThat(BenchMain.keptSection(out)).isEmpty();
        assertThat(BenchMain.keptSection(dir.resolve("absent.md"))).isEmpty();
    }
}
