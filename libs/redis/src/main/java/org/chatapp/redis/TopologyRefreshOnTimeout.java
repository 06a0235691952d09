package org.chatapp.redis;

import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a cluster client to reload the slot map when commands time out, at most once per interval.
 *
 * <p>Lettuce refreshes the slot map on redirects, on reconnects that keep failing and on slots or
 * nodes it does not know, none of which a frozen master (a stopped process, a VM pause, a path
 * that drops packets without a reset) causes: its connection stays open and commands to it just
 * time out. Without this, commands for its slots would keep going to it after a replica took over,
 * until the periodic refresh (30 s by default). Timeouts keep coming while that master is frozen,
 * so the refresh repeats until it shows the promoted replica; the next command for those slots
 * goes there. Costs nothing while commands complete; while they time out, one slot-map load per
 * interval.
 */
final class TopologyRefreshOnTimeout {

    private static final Logger log = LoggerFactory.getLogger(TopologyRefreshOnTimeout.class);

    private final RedisClusterClient client;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong lastRequest;

    TopologyRefreshOnTimeout(RedisClusterClient client, Duration interval, LongSupplier nanoClock) {
        this.client = client;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        // So the first timeout may refresh at once, whatever the clock's origin.
        this.lastRequest = new AtomicLong(nanoClock.getAsLong() - intervalNanos);
    }

    /** Requests a refresh unless one was requested within the interval or is running. */
    void commandTimedOut() {
        long now = nanoClock.getAsLong();
        long last = lastRequest.get();
        if (now - last < intervalNanos || !lastRequest.compareAndSet(last, now) || client.isTopologyRefreshInProgress()) {
            return;
        }
        log.debug("A command timed out; reloading the cluster's slot map");
        client.refreshPartitionsAsync().whenComplete((loaded, error) -> {
            if (error != null) {
                log.debug("Reloading the slot map after a timeout failed: {}", error.toString());
            }
        });
    }
}
