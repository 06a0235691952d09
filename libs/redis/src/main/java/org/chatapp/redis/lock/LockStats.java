package org.chatapp.redis.lock;

/**
 * Counts of what the locks of one {@link RedisLocks} did since they were created.
 *
 * @param acquired acquisitions granted
 * @param notAcquired calls that gave up waiting ({@code tryLock} empty, {@code withLock} throwing)
 * @param lost leases a renewal found taken by another holder
 * @param held locks held right now
 */
public record LockStats(long acquired, long notAcquired, long lost, long held) {
}
