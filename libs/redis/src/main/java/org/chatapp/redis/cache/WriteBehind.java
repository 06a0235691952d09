package org.chatapp.redis.cache;

import org.chatapp.redis.RedisService;
import org.chatapp.redis.stream.StreamWorkerStats;

/**
 * Write-behind for one cache: {@link #put} queues the write durably in a Redis Stream
 * ({@code cache:{<name>}:write-behind}) and then caches the value; a consumer group, one worker per
 * instance handling one write at a time, hands the writes to the store, retrying failures with
 * backoff, taking over the unacknowledged writes of an instance that died, and moving a write that
 * keeps failing to {@code cache:{<name>}:write-behind:dead-letter}. Built on
 * {@link org.chatapp.redis.stream.StreamWorker}: at least once, so the store applies versioned
 * writes ({@link VersionedStoreWriter}).
 *
 * @param <V> the type of the values
 */
public interface WriteBehind<V> extends AutoCloseable {

    /**
     * Starts flushing a cache's queued writes to a store; close it before the caches and the service.
     *
     * @throws IllegalArgumentException when an argument is null
     */
    static <V> WriteBehind<V> start(RedisService redis, RedisCache<V> cache, VersionedStoreWriter<V> writer, WriteBehindOptions options) {
        return DefaultWriteBehind.start(redis, cache, writer, options);
    }

    /**
     * Orders two versions as the store must: negative when {@code a} is older than {@code b}, zero when
     * they are the same write, positive when newer.
     *
     * @throws IllegalArgumentException when a version is not one this class hands out
     */
    static int compareVersions(String a, String b) {
        return DefaultWriteBehind.compareVersions(a, b);
    }

    /**
     * Queues a write of a value and caches it; returns the write's version. Once this returns, the
     * write reaches the store even if this instance dies (while Redis keeps its data).
     *
     * @throws IllegalArgumentException when the key or value is null, or the value is over the cache's size limit
     * @throws org.chatapp.redis.RedisServiceException when the write could not be queued (nothing was cached then)
     */
    String put(String key, V value);

    /** Returns what the flushing worker did so far. */
    StreamWorkerStats stats();

    /**
     * Stops flushing after the writes in flight finished (at most the options' shutdown timeout);
     * writes still queued stay in the stream for the other instances or the next start.
     */
    @Override
    void close();
}
