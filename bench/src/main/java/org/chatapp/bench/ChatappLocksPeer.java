package org.chatapp.bench;

import org.chatapp.redis.RedisService;
import org.chatapp.redis.lock.LockOptions;
import org.chatapp.redis.lock.RedisLocks;

/**
 * This library's lease locks, {@code RedisLocks}, as their users take them: the default options
 * on a {@code RedisService}, {@code withLock(name, wait, action)} around an empty action.
 */
final class ChatappLocksPeer implements LockPeer {

    @Override
    public String name() {
        return "chatapp RedisLocks";
    }

    @Override
    public String setup() {
        LockOptions defaults = LockOptions.DEFAULT;
        return "`RedisLocks.create(redis)` on a `RedisService` with key prefix `" + Peers.PREFIX + "`, default `LockOptions` (lease "
                + defaults.leaseTime().toSeconds() + " s renewed every " + defaults.renewEvery().toSeconds()
                + " s by a watchdog, fencing token per acquisition, no replica acknowledgement); `withLock(name, "
                + LockPeer.WAIT.toSeconds() + " s, lease -> null)`: one script to acquire, one to release";
    }

    @Override
    public boolean judged() {
        return true;
    }

    @Override
    public LockClient connect(Topology topology) {
        RedisService redis = RedisService.create(ChatappPeer.options(topology).build());
        RedisLocks locks = RedisLocks.create(redis);
        return new LockClient() {
            @Override
            public void acquireAndRelease(String name) {
                // Throws LockNotAcquiredException when the wait runs out, which fails the run.
                locks.withLock(name, WAIT, lease -> null);
            }

            @Override
            public void close() {
                locks.close();
                redis.close();
            }
        };
    }
}
