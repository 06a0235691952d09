package org.chatapp.redis.cache;

import java.time.Duration;

/**
 * What a cache did since it was created, a snapshot (the starter binds these to Micrometer).
 *
 * @param hits reads answered by Redis with a value or a cached "absent"
 * @param misses reads Redis had nothing for
 * @param staleHits hits past their expiry served while a refresh ran (stale-while-revalidate)
 * @param loads loader calls (bulk loads count once) that returned
 * @param loadFailures loader calls that threw
 * @param loadTime total time spent in loaders, by the service's clock
 * @param earlyRefreshes refreshes started before expiry (XFetch) or past it (stale-while-revalidate)
 * @param leaseWaits times this instance waited for another instance's load of a key
 * @param localWaits callers that joined a load already running in this process (single flight)
 * @param errors Redis failures (with {@link ErrorPolicy#FAIL_OPEN}: served from the loader) and undecodable entries
 * @param evictions entries removed by evict, tag invalidation and clear
 * @param oversized values not cached because they exceeded the size limit (loaded ones, and puts refused for it)
 * @param nearHits reads answered by the in-process near cache
 */
public record CacheStats(long hits, long misses, long staleHits, long loads, long loadFailures, Duration loadTime,
        long earlyRefreshes, long leaseWaits, long localWaits, long errors, long evictions, long oversized, long nearHits) {

    /** Returns hits, in Redis and in the near cache, over reads, or 1 when nothing was read. */
    public double hitRate() {
        long reads = hits + nearHits + misses;
        return reads == 0 ? 1.0 : (double) (hits + nearHits) / reads;
    }
}
