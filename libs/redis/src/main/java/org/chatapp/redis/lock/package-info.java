/**
 * Lease locks with fencing tokens on Redis ({@link org.chatapp.redis.lock.RedisLocks}).
 *
 * <p><b>Guarantee.</b> While Redis keeps its data, at most one holder has a lock at a time: an
 * acquisition is {@code SET NX PX} with a random token, a release deletes the lock only when it
 * still carries the holder's token, and a watchdog renews the lease (a third of it by default)
 * only for that token. A holder that stops (a crash, a long pause) keeps others waiting at most
 * one lease time. Each acquisition draws a fencing token from a counter beside the lock, larger
 * than every earlier one; a resource that remembers the largest token it saw can refuse the late
 * write of a holder whose lease ran out while it was paused, which no lease alone prevents.
 *
 * <p><b>On a failover.</b> Replication is asynchronous: a master that dies right after granting a
 * lock may not have passed it to the replica that takes over, and the new master then grants the
 * same lock again (and may hand out a fencing token again). Between two holders that both
 * believe they hold it, only fencing tokens checked by the protected resource keep the data safe.
 * A failed or timed-out acquisition may still have taken the lock on the server: it is then
 * freed when its lease runs out. Calls during the failover fail with the service's exceptions
 * ({@code RedisConnectionFailureException}, {@code RedisOutcomeUnknownException}); the watchdog keeps
 * trying, and {@link org.chatapp.redis.lock.Lease#isHeld()} turns false when the lease could not
 * be renewed in time.
 */
package org.chatapp.redis.lock;
