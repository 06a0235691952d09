/**
 * Named caches on Redis ({@link org.chatapp.redis.cache.RedisCaches}, {@link org.chatapp.redis.cache.RedisCache}):
 * cache-aside with one load per key across every instance, XFetch early refresh,
 * stale-while-revalidate, negative caching, bulk reads, write-through, and invalidation by key, by
 * tag and of a whole cache. Built on the core's public API only.
 *
 * <p><b>Key space.</b> A cache's keys are {@code <service prefix>cache:{<name>:<key>}:v} (the entry),
 * {@code :l} (the load lease) and {@code :w} (the waiters' count), one slot per cached key, and
 * {@code cache:{<name>:<tag>}:t} for a tag's set of keys. {@code SCAN cache:{<name>:*} } finds every key
 * of a cache and no key of another cache or another service. Loads and invalidations are announced
 * on the pub/sub channel {@code cache:{<name>}:events}.
 *
 * <p><b>Guarantees.</b>
 * <ul>
 *   <li>{@code get(key, loader)}: concurrent misses of one key in one process share one loader call.
 *       Across processes, the first miss takes the key's lease ({@code SET NX PX} with a random
 *       token, in the script that also looks for the value) and loads; the others wait, woken by
 *       the holder's announcement when it stores the value or gives up, and otherwise look again
 *       every {@code pollInterval} and when the lease would run out. While Redis keeps its data the
 *       loader runs once per miss cluster-wide, unless a load outlives {@code leaseTime} (another
 *       caller then loads too) or a waiter has waited {@code leaseWait} in all (it then loads by
 *       itself). A loader that throws releases the lease at once: its callers in this process get
 *       its exception, and one of the waiters elsewhere loads next.</li>
 *   <li>A load stores its value only while it still holds its lease: an {@code evict}, a
 *       {@code put}, an {@code evictTag} or a {@code clear} made while it ran deletes the lease, so
 *       the load's older value never overwrites theirs (the cache-aside race of a reader and a
 *       writer). The caller still gets the loaded value.</li>
 *   <li>Each entry stores its logical expiry (by the service's clock, {@code redis.clock()}) and how
 *       long its load took (XFetch's delta). A hit refreshes early when
 *       {@code now - delta * beta * ln(random) >= expiry} (Vattani, Chierichetti, Lowenstein, VLDB
 *       2015), in the background, once per key per process and (by the lease) once across
 *       processes; the caller gets the current value. Within {@code staleWhileRevalidate} after
 *       expiry the old value is served while one refresh runs. Later it is a miss.</li>
 *   <li>Durations come from the {@link org.chatapp.redis.cache.TtlPolicy} (fixed, named, by size),
 *       always spread by a symmetric jitter; "absent" is cached for {@code negativeTtl} when it is
 *       set. A loaded value over {@code maxValueBytes} is returned and not cached; a {@code put} of
 *       one is an {@code IllegalArgumentException}. An entry the codec cannot read is a miss (counted
 *       in {@code errors}) and is replaced by the next load.</li>
 *   <li>{@code putAbsent} records that a key has no value (Spring's {@code put(key, null)} with
 *       {@code allowNullValues}): "absent" is cached for {@code negativeTtl}, so reads find it and
 *       {@code get(key, loader)} returns empty without calling the loader; it cancels a load under
 *       way and is announced like a {@code put}. Without negative caching it is an {@code evict}.</li>
 *   <li>Values of no single type (Spring's caches) use {@link org.chatapp.redis.cache.TypedJsonCodec}:
 *       JSON with the class of each value, read back only for classes of trusted packages and the
 *       JDK's value and collection types, so that no one who can write to Redis makes this process
 *       instantiate a class of their choice.</li>
 *   <li>{@code putThrough} writes the store first and the cache after, so no reader sees a value the
 *       store refused.</li>
 *   <li>{@code evict}, {@code evictTag} and {@code clear} report what they removed and throw the
 *       service's exception when Redis fails, whatever the error policy: an invalidation never reports
 *       a success it did not have. {@code evictTag} takes the tag's set and deletes it in one script
 *       (a key tagged right after is kept for the next invalidation); keys join a tag's set before
 *       their entry is written, so an invalidation never misses an entry written before it. A key
 *       evicted or re-put without the tag may stay in the set and is then removed by that tag's next
 *       invalidation too. {@code clear} runs {@code SCAN} and {@code UNLINK} on every master and
 *       removes what it scanned; a key written during the scan may survive it.</li>
 *   <li>{@code getAll}: the hits in one {@code MGET} (one round trip per slot, sent in parallel), the
 *       misses in one bulk load, stored without taking leases (concurrent {@code getAll}s of the
 *       same missing keys may each load them).</li>
 *   <li>Announcements (loads, evictions, clears) are pub/sub: at most once. A lost one costs a
 *       waiter at most {@code pollInterval}.</li>
 * </ul>
 *
 * <p><b>Near cache</b> ({@link org.chatapp.redis.cache.CacheOptions.Builder#nearCache}, Caffeine,
 * bounded in entries and encoded bytes, each entry held at most {@code maxAge} and never past its
 * own expiry; an entry that may refresh early leaves it {@code 20 * delta * beta} before its expiry,
 * so that the reads that may trigger XFetch's refresh go to Redis and a near hit reads no clock). It
 * is kept fresh two ways: a connection of its own with RESP3 {@code CLIENT TRACKING
 * ON BCAST PREFIX <service prefix>cache:{<name>:} on the server or on every master (pushed
 * invalidations for every write, expiry and eviction, whoever made it; proven at start by writing
 * a probe key), and the cache's announcements (puts, evictions, tags, clears, by this library,
 * which is all there is where tracking is unavailable: RESP2 or a refused command). A value is
 * only kept when no invalidation arrived since its read began, and this process's own writes drop
 * the key before and after they reach Redis, so it never serves a value older than this
 * instance's own last write. With tracking, a connection event (a connection lost or back, a
 * topology change) is checked against tracking's own connections: if one of them was lost, or the
 * masters changed (a failover), the near cache is emptied and takes no entries until the server
 * confirmed tracking again on masters covering every slot. Without tracking, any such event or a
 * resubscription empties it. Another instance's write is seen once its invalidation arrives (well under
 * 50 ms on a local network); one lost in between is bounded by {@code maxAge}.
 *
 * <p><b>Write-behind</b> ({@link org.chatapp.redis.cache.WriteBehind}): a put is queued in the stream
 * {@code cache:{<name>}:write-behind} first and cached after, so once it returns the write reaches
 * the store while Redis keeps its data, even if this instance dies. A consumer group (one worker per
 * instance, one write at a time, on {@link org.chatapp.redis.stream.StreamWorker}) hands each write
 * to the store at least once: failures are retried after {@code claimMinIdle}, an instance's
 * unacknowledged writes are taken over by another after {@code claimMinIdle}, and a write that
 * fails {@code maxDeliveries} times moves to the dead-letter stream. Each write carries a version
 * (its stream id, increasing with every write queued), and the store applies a write only when it
 * is newer than what it holds ({@link org.chatapp.redis.cache.VersionedStoreWriter}): repeats are
 * no-ops and an older write handled late never overwrites a newer one, which is how order per key
 * holds across instances. {@code close()} lets the write in flight finish; queued writes stay in
 * the stream. A write the promoted replica never received is lost on a failover.
 *
 * <p><b>When Redis fails.</b> With {@link org.chatapp.redis.cache.ErrorPolicy#FAIL_OPEN} (the default)
 * a read that fails is a miss served by the loader (in this process still once per key, without
 * the cross-instance lease, and not stored), a write that fails after a successful load or store
 * write is counted and the old entry deleted if Redis lets it; with {@code FAIL_CLOSED} the
 * service's exception is thrown.
 *
 * <p><b>On a failover.</b> Replication is asynchronous: an entry, a lease or a tag membership the
 * promoted replica never received is lost. A lost entry is a miss (one more load); a lost lease lets
 * a second instance load the same key once; a lost tag membership leaves an entry that the next
 * invalidation of that tag does not remove (it expires with its TTL); a lost deletion lets an
 * evicted entry come back until it expires. Announcements published meanwhile are lost, so
 * waiters fall back to polling; the pub/sub connection resubscribes by itself. Calls during the
 * failover fail with the service's exceptions, handled by the error policy.
 */
package org.chatapp.redis.cache;
