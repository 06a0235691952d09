package org.chatapp.redis.cache;

/**
 * Writes one queued write-behind value to the source of truth, with the write's version.
 *
 * <p>A write can reach the writer more than once (an instance that died after writing and before
 * acknowledging, a retry after a failure), and writes of one key queued by different instances can
 * be handled out of order. Apply a write only when its version is newer than the one the store
 * holds for the key ({@link WriteBehind#compareVersions}), as in
 * {@code UPDATE ... WHERE key = ? AND version < ?}: a repeated write is then a no-op and an older
 * one never overwrites a newer one.
 *
 * @param <V> the type of the values
 */
@FunctionalInterface
public interface VersionedStoreWriter<V> {

    /**
     * Stores the value if the version is newer than the stored one.
     *
     * @throws Exception when the store fails; the write is retried (with the worker's backoff) and,
     *         after the last attempt, moved to the dead-letter stream
     */
    void write(String key, V value, String version) throws Exception;
}
