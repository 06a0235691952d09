package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

class RedisLogsOnFailureIT {

    private static final AtomicReference<LocalRedisNode> closedNode = new AtomicReference<>();

    @Test
    void close_keepsEachNodesLogOutsideTheDeletedDirectory() {
        LocalRedisNode node;
        try (LocalRedisStandalone standalone = LocalRedis.standalone().start()) {
            node = standalone.node();
        }

        assertThat(node.directory()).doesNotExist();
        assertThat(node.logFile()).startsWith(NodeLogs.directory()).content().contains("Ready to accept connections");
    }

    @Test
    void testFailed_testClosedItsOwnNodes_printsTheirLogTails() {
        String printed = runCapturingStandardError(FailsAfterClosingItsStandalone.class);

        LocalRedisNode node = closedNode.get();
        assertThat(printed).contains("Redis logs written during the failed test", node.toString(),
                node.logFile().toString(), "Ready to accept connections");
    }

    @Test
    void tailsWrittenSince_noLogWrittenSince_isEmpty() {
        try (LocalRedisStandalone standalone = LocalRedis.standalone().start()) {
            assertThat(NodeLogs.tailsWrittenSince(Instant.now().plusSeconds(60))).isEmpty();
        }
    }

    private static String runCapturingStandardError(Class<?> testClass) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                    .selectors(selectClass(testClass))
                    .execute()
                    .testEvents().assertStatistics(stats -> stats.failed(1));
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Run only by the test above (Failsafe skips nested classes): fails after closing its own server. */
    static class FailsAfterClosingItsStandalone {

        @Test
        void fails() {
            try (LocalRedisStandalone standalone = LocalRedis.standalone().start()) {
                closedNode.set(standalone.node());
            }
            throw new AssertionError("failing on purpose");
        }
    }
}
