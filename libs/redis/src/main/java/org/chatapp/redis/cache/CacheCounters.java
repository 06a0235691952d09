package org.chatapp.redis.cache;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** The counters behind {@link CacheStats}, updated without locks on every path. */
final class CacheCounters {

    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder staleHits = new LongAdder();
    final LongAdder loads = new LongAdder();
    final LongAdder loadFailures = new LongAdder();
    final LongAdder loadMillis = new LongAdder();
    final LongAdder earlyRefreshes = new LongAdder();
    final LongAdder leaseWaits = new LongAdder();
    final LongAdder localWaits = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder evictions = new LongAdder();
    final LongAdder oversized = new LongAdder();
    final LongAdder nearHits = new LongAdder();

    CacheStats snapshot() {
        return new CacheStats(hits.sum(), misses.sum(), staleHits.sum(), loads.sum(), loadFailures.sum(),
                Duration.ofMillis(loadMillis.sum()), earlyRefreshes.sum(), leaseWaits.sum(), localWaits.sum(), errors.sum(),
                evictions.sum(), oversized.sum(), nearHits.sum());
    }
}
