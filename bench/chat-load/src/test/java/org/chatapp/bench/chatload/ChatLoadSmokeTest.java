package org.chatapp.bench.chatload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end at a tiny rate, on the real platform (two chat-local JVMs, a local Redis
 * Cluster, embedded PostgreSQL): proves in CI that what the load run counts is what happened.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ChatLoadSmokeTest {

    private static final int CONNECTIONS = 8;
    private static final int CONVERSATIONS = 2;
    private static final double RATE = 10;

    @TempDir
    static Path work;

    private static LoadRun.Result result;

    @BeforeAll
    static void runTheLoad() {
        Path jar = Path.of(System.getProperty("chat-load.platform-jar", "target/platform/chat-local.jar"));
        LoadOptions options = new LoadOptions(CONNECTIONS, CONVERSATIONS, Duration.ofSeconds(2), Duration.ZERO, 1, List.of(RATE), jar, work, false);
        result = LoadRun.run(options, new PrintStream(OutputStream.nullOutputStream()));
    }

    @Test
    void run_tinyRate_deliversEverySentMessageToEveryMembersSocketExactlyOnce() {
        StepResult step = result.steps().get(0);
        int members = CONNECTIONS / CONVERSATIONS;

        assertThat(step.sent()).isEqualTo((int) (RATE * 2));
        assertThat(step.sendErrors()).isZero();
        assertThat(step.incomplete()).isZero();
        assertThat(step.duplicates()).isZero();
        assertThat(step.misrouted()).isZero();
        assertThat(step.delivery().getTotalCount()).isEqualTo((long) step.sent() * members);
    }

    @Test
    void run_socketsOpen_measuresHeapPerConnectionOnBothGateways() {
        assertThat(result.memory()).extracting(LoadRun.Memory::instance).containsExactly("platform 1", "platform 2");
        assertThat(result.memory()).extracting(LoadRun.Memory::sockets).containsExactly(CONNECTIONS / 2, CONNECTIONS / 2);
        assertThat(result.memory()).allSatisfy(memory -> assertThat(memory.heapAfter()).isPositive());
    }

    @Test
    void run_oneStep_writesATimelineLinePerMessageEachDeliveredAfterItsPlannedTime() throws IOException {
        List<String> lines = Files.readAllLines(work.resolve("timeline-run1-40.csv"));

        assertThat(lines.get(0)).isEqualTo("planned_utc_ms,conversation,late_ms,send_ms,last_delivery_ms");
        assertThat(lines).hasSize(result.steps().get(0).sent() + 1);
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> {
            String[] fields = line.split(",");
            assertThat(Double.parseDouble(fields[3])).as("send_ms of %s", line).isPositive();
            assertThat(Double.parseDouble(fields[4])).as("last_delivery_ms of %s", line).isPositive();
        });
    }

    @Test
    void report_oneStep_printsItsRowWithTheMeasuredRate() {
        String markdown = Report.markdown(result, "chat-load smoke");

        assertThat(markdown).contains("| 40 | 10 | ");
        assertThat(markdown).contains("Memory per open connection, platform 2");
    }
}
