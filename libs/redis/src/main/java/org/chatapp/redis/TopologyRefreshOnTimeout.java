package org.chatapp.redis;

import io.lettuce.core.cluster.RedisClusterClient;
import io.netty.util.concurrent.EventExecutorGroup;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps reloading a cluster's slot map, once per interval, for a while after a command timed out
 * or found its node unreachable.
 *
 * <p>Lettuce refreshes the slot map on redirects, on reconnects that keep failing and on slots or
 * nodes it does not know, none of which a frozen master (a stopped process, a VM pause, a path
 * that drops packets without a reset) causes: its connection stays open and commands to it just
 * time out. Without this, commands for its slots would keep going to it after a replica took over,
 * until the periodic refresh (30 s by default). A single reload per timeout is not enough either:
 * the callers' timeouts come in waves one command timeout apart, and a reload that ran just before
 * the promotion was visible would leave the stale route for a whole wave. So a timeout opens a
 * watch of {@link #WATCH} during which the map is reloaded every interval; each further timeout
 * extends it. Once the promoted replica is in the map, the next command for those slots goes to
 * it; commands already sent to the frozen node end at their timeout.
 *
 * <p>A command that cannot reach its node at all starts the same watch: Lettuce reloads the map
 * when a connection it had keeps failing to reconnect, not when a first connection to a node fails,
 * so a client that never spoke to a master before it died would keep routing that master's slots to
 * it after a replica took over.
 *
 * <p>Costs nothing while commands complete; while they time out and for {@link #WATCH} after the
 * last one, one slot-map load per interval.
 */
final class TopologyRefreshOnTimeout {

    /** How long reloads continue after the last timeout: beyond a failover's usual duration. */
    static final Duration WATCH = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(TopologyRefreshOnTimeout.class);

    private final RedisClusterClient client;
    private final EventExecutorGroup executor;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicBoolean watching = new AtomicBoolean();
    private volatile long watchUntil;

    TopologyRefreshOnTimeout(RedisClusterClient client, Duration interval, LongSupplier nanoClock) {
        this.client = client;
        this.executor = client.getResources().eventExecutorGroup();
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Opens or extends the watch; the first timeout of a watch reloads the map at once. */
    void commandTimedOut() {
        watchUntil = nanoClock.getAsLong() + WATCH.toNanos();
        if (watching.compareAndSet(false, true)) {
            log.debug("A command timed out; reloading the cluster's slot map every {} ms for {} s", intervalNanos / 1_000_000,
                    WATCH.toSeconds());
            schedule(0);
        }
    }

    private void reloadWhileWatching() {
        if (nanoClock.getAsLong() - watchUntil > 0) {
            watching.set(false);
            // A timeout between the check and the reset found the watch still open; reopen it for it.
            if (nanoClock.getAsLong() - watchUntil <= 0 && watching.compareAndSet(false, true)) {
                schedule(0);
            }
            return;
        }
        if (!client.isTopologyRefreshInProgress()) {
            client.refreshPartitionsAsync().whenComplete((loaded, error) -> {
                if (error != null) {
                    log.debug("Reloading the slot map after a timeout failed: {}", error.toString());
                }
            });
        }
        schedule(intervalNanos);
    }

    private void schedule(long delayNanos) {
        try {
            executor.schedule(this::reloadWhileWatching, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // The client is closing; nothing left to route.
            watching.set(false);
        }
    }
}
