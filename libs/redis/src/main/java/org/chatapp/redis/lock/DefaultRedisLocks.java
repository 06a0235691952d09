package org.chatapp.redis.lock;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chatapp.redis.RedisScript;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.RedisServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locks as three keys under one hash tag, so every script touches a single slot: {@code {lock:name}}
 * holds the holder's token with the lease as its TTL, {@code {lock:name}:fence} the last fencing
 * token, and {@code {lock:name}:released} is the channel a release is announced on.
 */
final class DefaultRedisLocks implements RedisLocks {

    private static final Logger log = LoggerFactory.getLogger(DefaultRedisLocks.class);

    /** Names longer than this are refused: a lock name is an identifier, not a payload. */
    static final int MAX_NAME_LENGTH = 512;

    /** Sets the token if the lock is free and draws the next fencing token; otherwise answers the lease left. */
    private static final RedisScript<List<Object>> ACQUIRE = RedisScript.returningList("""
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return {1, redis.call('INCR', KEYS[2])}
            end
            return {0, redis.call('PTTL', KEYS[1])}""");

    /** Deletes the lock only for the holder whose token it carries, and announces it. */
    private static final RedisScript<Boolean> RELEASE = RedisScript.returningBoolean("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('DEL', KEYS[1])
              redis.call('PUBLISH', ARGV[2], 'released')
              return 1
            end
            return 0""");

    /** Extends the lease only for the holder whose token the lock carries. */
    private static final RedisScript<Boolean> RENEW = RedisScript.returningBoolean("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0""");

    /**
     * Longest a waiter sleeps between attempts while it hears releases: a safety net for an
     * announcement lost with a connection, since plain pub/sub keeps nothing for absent subscribers.
     */
    static final long MAX_WAIT_MILLIS = 1_000;

    /** Longest a waiter sleeps between attempts when it could not subscribe to the releases. */
    static final long MAX_RETRY_MILLIS = 100;

    /** Longest a waiter waits for Redis to confirm its subscription before it polls instead. */
    private static final long SUBSCRIBE_WAIT_MILLIS = 1_000;

    private static final SecureRandom TOKENS = new SecureRandom();
    private static final AtomicInteger WATCHDOGS = new AtomicInteger();

    private final RedisService redis;
    private final LockOptions options;
    private final Clock clock;
    private final ScheduledExecutorService watchdog;
    /** Waiters in this process per lock name, woken by a release made here. */
    private final Map<String, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();
    private final Set<HeldLease> held = ConcurrentHashMap.newKeySet();
    private final LongAdder acquired = new LongAdder();
    private final LongAdder notAcquired = new LongAdder();
    private final LongAdder lost = new LongAdder();
    /** Releases announced by other processes, heard while someone here waits. */
    private final ReleaseAnnouncements announcements;
    /** Set when acquisitions must be acknowledged by replicas. */
    private final ReplicatedAcquisition replicated;

    private DefaultRedisLocks(RedisService redis, LockOptions options) {
        this.redis = redis;
        this.options = options;
        this.clock = redis.clock();
        this.announcements = new ReleaseAnnouncements(redis, this::wakeWaiters);
        this.replicated = options.replicas() > 0 ? new ReplicatedAcquisition(redis, options.replicas(), options.replicaTimeout()) : null;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chatapp-lock-watchdog-" + WATCHDOGS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    static RedisLocks create(RedisService redis, LockOptions options) {
        if (redis == null) {
            throw new IllegalArgumentException("redis must not be null");
        }
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        return new DefaultRedisLocks(redis, options);
    }

    @Override
    public Optional<Lease> tryLock(String name) {
        return tryLock(name, Duration.ZERO);
    }

    @Override
    public Optional<Lease> tryLock(String name, Duration wait) {
        requireName(name);
        if (wait == null || wait.isNegative()) {
            throw new IllegalArgumentException("wait must be zero or positive, was " + wait);
        }
        long deadline = clock.millis() + wait.toMillis();
        boolean listening = false;
        boolean hearsReleases = false;
        try {
            while (true) {
                CompletableFuture<Void> released = new CompletableFuture<>();
                Set<CompletableFuture<Void>> waiting = waiters.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet());
                waiting.add(released);
                try {
                    Attempt attempt = acquire(name);
                    if (attempt.lease != null) {
                        acquired.increment();
                        return Optional.of(attempt.lease);
                    }
                    long left = deadline - clock.millis();
                    if (left <= 0) {
                        notAcquired.increment();
                        return Optional.empty();
                    }
                    if (!listening) {
                        // Subscribe, then try again at once: a release between the first attempt
                        // and the subscription would otherwise go unheard.
                        listening = true;
                        hearsReleases = announcements.listen(name, Math.min(left, SUBSCRIBE_WAIT_MILLIS));
                        continue;
                    }
                    // Until woken by a release, or until the holder's lease would run out: a crashed
                    // holder frees the lock only by expiry, and no one announces that.
                    long bound = hearsReleases ? MAX_WAIT_MILLIS : MAX_RETRY_MILLIS;
                    awaitRelease(released, Math.max(1, Math.min(Math.min(left, attempt.leaseLeftMillis), bound)));
                } finally {
                    waiting.remove(released);
                }
            }
        } finally {
            if (listening) {
                announcements.stop(name);
            }
        }
    }

    @Override
    public <T> T withLock(String name, Supplier<T> action) {
        if (action == null) {
            throw new IllegalArgumentException("action must not be null");
        }
        return withLock(name, options.defaultWait(), lease -> action.get());
    }

    @Override
    public <T> T withLock(String name, Duration wait, Function<Lease, T> action) {
        if (action == null) {
            throw new IllegalArgumentException("action must not be null");
        }
        try (Lease lease = tryLock(name, wait).orElseThrow(() -> new LockNotAcquiredException(name, wait))) {
            return action.apply(lease);
        }
    }

    private Attempt acquire(String name) {
        String token = newToken();
        String leaseMillis = Long.toString(options.leaseTime().toMillis());
        List<Object> reply = replicated != null
                ? replicated.acquire(ACQUIRE, RELEASE, ownerKey(name), fenceKey(name), token, leaseMillis, releasedChannel(name))
                : redis.scripts().run(ACQUIRE, List.of(ownerKey(name), fenceKey(name)), List.of(token, leaseMillis));
        if ((Long) reply.get(0) == 1L) {
            HeldLease lease = new HeldLease(name, token, (Long) reply.get(1), clock.millis() + options.leaseTime().toMillis());
            held.add(lease);
            lease.renewal = watchdog.scheduleAtFixedRate(lease::renew, options.renewEvery().toMillis(),
                    options.renewEvery().toMillis(), TimeUnit.MILLISECONDS);
            return new Attempt(lease, 0);
        }
        long leaseLeft = (Long) reply.get(1);
        // -1: a lock key without TTL (written by hand); -2: gone between the SET and the PTTL.
        return new Attempt(null, leaseLeft > 0 ? leaseLeft : 1);
    }

    private static void awaitRelease(CompletableFuture<Void> released, long millis) {
        try {
            released.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException expected) {
            // The lease may have run out: try again.
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockNotAcquiredException("(interrupted)", Duration.ZERO);
        }
    }

    private void wakeWaiters(String name) {
        Set<CompletableFuture<Void>> waiting = waiters.get(name);
        if (waiting != null) {
            waiting.forEach(waiter -> waiter.complete(null));
        }
    }

    static void requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("lock name must not be empty, was " + (name == null ? "null" : "''"));
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("lock name must be at most " + MAX_NAME_LENGTH + " characters, was " + name.length());
        }
        if (name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
            throw new IllegalArgumentException("lock name must not contain '{' or '}' (the lock's keys share a hash tag built from it), was '"
                    + name + "'");
        }
    }

    private static String ownerKey(String name) {
        return "{lock:" + name + "}";
    }

    private static String fenceKey(String name) {
        return "{lock:" + name + "}:fence";
    }

    /** The channel a release is announced on, as stored in Redis (with the service's prefix). */
    private String releasedChannel(String name) {
        return redis.keys().raw(ReleaseAnnouncements.channel(name));
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        TOKENS.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public LockStats stats() {
        return new LockStats(acquired.sum(), notAcquired.sum(), lost.sum(), held.size());
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        announcements.close();
        if (replicated != null) {
            replicated.close();
        }
        for (HeldLease lease : held) {
            try {
                lease.release();
            } catch (RuntimeException e) {
                log.debug("Releasing lock '{}' on close failed; it expires with its lease", lease.name, e);
            }
        }
    }

    private record Attempt(HeldLease lease, long leaseLeftMillis) {
    }

    /** A lease this process holds, renewed by the watchdog until released or lost. */
    private final class HeldLease implements Lease {
        private final String name;
        private final String token;
        private final long fencingToken;
        /** When the lease runs out unless renewed: the last confirmed renewal plus the lease time. */
        private volatile long expiresAtMillis;
        private volatile boolean ended;
        private volatile ScheduledFuture<?> renewal;

        HeldLease(String name, String token, long fencingToken, long expiresAtMillis) {
            this.name = name;
            this.token = token;
            this.fencingToken = fencingToken;
            this.expiresAtMillis = expiresAtMillis;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long fencingToken() {
            return fencingToken;
        }

        @Override
        public boolean isHeld() {
            return !ended && clock.millis() < expiresAtMillis;
        }

        void renew() {
            if (ended) {
                return;
            }
            long sentAt = clock.millis();
            redis.scripts().runAsync(RENEW, List.of(ownerKey(name)), List.of(token, Long.toString(options.leaseTime().toMillis())))
                    .whenComplete((renewed, error) -> {
                        if (error != null) {
                            // Redis unreachable: try again next period; isHeld() turns false when the
                            // lease would have run out.
                            log.debug("Renewing lock '{}' failed: {}", name, error.toString());
                        } else if (Boolean.TRUE.equals(renewed)) {
                            expiresAtMillis = sentAt + options.leaseTime().toMillis();
                        } else if (!ended) {
                            end();
                            lost.increment();
                            log.warn("Lock '{}' (fencing token {}) was lost: its lease ran out and another holder may have it",
                                    name, fencingToken);
                        }
                    });
        }

        @Override
        public boolean release() {
            if (ended) {
                return false;
            }
            end();
            try {
                return redis.scripts().run(RELEASE, List.of(ownerKey(name)), List.of(token, releasedChannel(name)));
            } catch (RedisServiceException e) {
                log.warn("Releasing lock '{}' failed ({}); it is freed when its lease runs out", name, e.getMessage());
                return false;
            } finally {
                wakeWaiters(name);
            }
        }

        private void end() {
            ended = true;
            held.remove(this);
            ScheduledFuture<?> task = renewal;
            if (task != null) {
                task.cancel(false);
            }
        }

        @Override
        public void close() {
            release();
        }

        @Override
        public String toString() {
            return "Lease[" + name + ", fencingToken=" + fencingToken + ", held=" + isHeld() + "]";
        }
    }
}
