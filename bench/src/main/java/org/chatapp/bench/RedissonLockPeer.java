package org.chatapp.bench;

import java.util.concurrent.TimeUnit;
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

/**
 * Redisson's {@code RLock} as its users take it: default settings, {@code tryLock(wait)} without a
 * lease time, so that its watchdog renews the lock as this library's does, then {@code unlock()}.
 */
final class RedissonLockPeer implements LockPeer {

    @Override
    public String name() {
        return "Redisson " + Versions.of("org.redisson", "redisson") + " RLock";
    }

    @Override
    public String setup() {
        return "`Config` with `useSingleServer()`/`useClusterServers()` and defaults otherwise (lock watchdog "
                + "timeout 30 s, renewed every 10 s); `getLock(name)`, `tryLock(" + LockPeer.WAIT.toSeconds()
                + ", SECONDS)`, `unlock()`: one script to acquire, one to release";
    }

    @Override
    public LockClient connect(Topology topology) {
        RedissonClient redisson = Redisson.create(RedissonPeer.config(topology));
        return new LockClient() {
            @Override
            public void acquireAndRelease(String name) {
                RLock lock = redisson.getLock(Peers.PREFIX + name);
                boolean acquired;
                try {
                    acquired = lock.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for lock " + name, e);
                }
                if (!acquired) {
                    throw new IllegalStateException("lock " + name + " not acquired within " + WAIT);
                }
                lock.unlock();
            }

            @Override
            public void close() {
                redisson.shutdown();
            }
        };
    }
}
