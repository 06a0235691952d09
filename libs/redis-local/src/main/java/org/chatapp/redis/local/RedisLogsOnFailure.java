package org.chatapp.redis.local;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit Jupiter extension that prints, when a test fails, the last lines of the log of every local
 * Redis node that wrote to its log while the test ran: also of the nodes of a setup the test
 * started and closed itself, whose logs are kept after the close. A rare failure can so be
 * diagnosed from the build output, without a rerun.
 *
 * <p>Registered through {@code META-INF/services}, it is active in every test class when JUnit's
 * extension autodetection is on ({@code junit.jupiter.extensions.autodetection.enabled=true}, as
 * this project's build sets it); otherwise add {@code @ExtendWith(RedisLogsOnFailure.class)}.
 */
public final class RedisLogsOnFailure implements BeforeAllCallback, BeforeEachCallback, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisLogsOnFailure.class);

    private final Clock clock;
    private final PrintStream out;

    /** Creates the extension as JUnit does: the system clock, printing to standard error. */
    public RedisLogsOnFailure() {
        this(Clock.systemUTC(), System.err);
    }

    RedisLogsOnFailure(Clock clock, PrintStream out) {
        this.clock = clock;
        this.out = out;
    }

    /** Notes when the test class starts, for a failure before any test's own start is noted. */
    @Override
    public void beforeAll(ExtensionContext context) {
        noteStart(context);
    }

    /** Notes when the test starts, so only the logs written since are printed. */
    @Override
    public void beforeEach(ExtensionContext context) {
        noteStart(context);
    }

    /** Prints the tails of the logs written while the failed test ran. */
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        // Looked up in the test's store, then in its class's.
        Instant started = context.getStore(NAMESPACE).get(Instant.class, Instant.class);
        String tails = NodeLogs.tailsWrittenSince(started == null ? Instant.EPOCH : started);
        if (!tails.isEmpty()) {
            out.println("Redis logs written during the failed test " + context.getDisplayName()
                    + " (last " + NodeLogs.TAIL_LINES + " lines of each):\n" + tails);
        }
    }

    private void noteStart(ExtensionContext context) {
        // File times may be rounded down to the second, so a log written just after the start counts.
        context.getStore(NAMESPACE).put(Instant.class, clock.instant().minusSeconds(1));
    }
}
