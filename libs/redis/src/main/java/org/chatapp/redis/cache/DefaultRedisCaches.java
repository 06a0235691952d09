package org.chatapp.redis.cache;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatapp.redis.PubSubConnection;
import org.chatapp.redis.PubSubListener;
import org.chatapp.redis.RedisClientListener;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.RedisServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caches of one service: one pub/sub connection, opened with the first cache, that hears every
 * cache's channel, and (unless the caller gives one) a small pool of daemon threads for background
 * refreshes. Lock rule: {@code this} guards creating caches, the connection and closing.
 */
final class DefaultRedisCaches implements RedisCaches {

    private static final Logger log = LoggerFactory.getLogger(DefaultRedisCaches.class);
    /** How long creating a cache waits for its channel's subscription; after that, waiters poll until it is confirmed. */
    private static final long SUBSCRIBE_WAIT_MILLIS = 2000;
    private static final int REFRESH_THREADS = 2;
    private static final int REFRESH_QUEUE = 1024;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final RedisService redis;
    private final Executor refreshExecutor;
    private final ThreadPoolExecutor ownedExecutor;
    private final Map<String, DefaultRedisCache<?>> caches = new ConcurrentHashMap<>();
    private final Map<String, DefaultRedisCache<?>> byChannel = new ConcurrentHashMap<>();
    private final RedisClientListener connectionEvents = new ConnectionEvents();
    private PubSubConnection connection;
    private volatile boolean closed;

    private DefaultRedisCaches(RedisService redis, Executor refreshExecutor, ThreadPoolExecutor ownedExecutor) {
        this.redis = redis;
        this.refreshExecutor = refreshExecutor;
        this.ownedExecutor = ownedExecutor;
        redis.addListener(connectionEvents);
    }

    static DefaultRedisCaches create(RedisService redis, Executor refreshExecutor) {
        if (redis == null) {
            throw new IllegalArgumentException("redis must not be null");
        }
        if (refreshExecutor != null) {
            return new DefaultRedisCaches(redis, refreshExecutor, null);
        }
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        // Refreshes are optional work: a full queue drops one (the entry is then loaded on expiry).
        ThreadPoolExecutor owned = new ThreadPoolExecutor(REFRESH_THREADS, REFRESH_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(REFRESH_QUEUE), runnable -> {
                    Thread thread = new Thread(runnable, "chatapp-cache-refresh-" + pool + "-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        owned.allowCoreThreadTimeOut(true);
        return new DefaultRedisCaches(redis, owned, owned);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> RedisCache<V> cache(String name, CacheOptions<V> options) {
        CacheKeys.validName(name);
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        synchronized (this) {
            checkOpen();
            DefaultRedisCache<?> existing = caches.get(name);
            if (existing != null) {
                if (existing.options() != options) {
                    throw new IllegalArgumentException("cache '" + name + "' exists with other options: " + existing.options());
                }
                return (RedisCache<V>) existing;
            }
            DefaultRedisCache<V> cache = new DefaultRedisCache<>(this, redis, name, options, refreshExecutor);
            caches.put(name, cache);
            byChannel.put(cache.keys().channel(), cache);
            subscribe(cache.keys().channel());
            cache.startTracking();
            return cache;
        }
    }

    /** Subscribes to a cache's channel, waiting a bounded time; until confirmed, waiters rely on polling. */
    private void subscribe(String channel) {
        if (connection == null) {
            connection = redis.connections().pubSub(new Announcements());
        }
        try {
            connection.subscribe(channel).toCompletableFuture().get(SUBSCRIBE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Subscribing to the announcements of {} is not confirmed yet; waiters poll meanwhile: {}", channel, e.toString());
        }
    }

    /** Publishes an announcement on a cache's channel; a failure is logged (other instances then learn by expiry). */
    void publish(String channel, byte[] message) {
        PubSubConnection current;
        synchronized (this) {
            current = connection;
        }
        try {
            if (current != null) {
                current.publish(channel, message);
            }
        } catch (RedisServiceException e) {
            log.warn("Announcing an invalidation on {} failed: {}", channel, e.toString());
        }
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the caches are closed");
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            redis.removeListener(connectionEvents);
            caches.values().forEach(DefaultRedisCache::stopTracking);
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
    }

    /** Hands each announcement to its cache. */
    private final class Announcements implements PubSubListener {
        @Override
        public void message(String channel, byte[] message) {
            DefaultRedisCache<?> cache = byChannel.get(channel);
            if (cache != null) {
                cache.announced(message);
            }
        }

        @Override
        public void resubscribed(PubSubConnection.Kind kind, String name) {
            // Announcements published while the subscription was down are lost: forget what they might have said.
            DefaultRedisCache<?> cache = byChannel.get(name);
            if (cache != null) {
                cache.resetNear();
            }
        }
    }

    /**
     * Tells every near cache of connection events: a connection that dropped or came back, or a
     * topology change (a failover), may mean invalidations were missed or that a promoted master
     * does not track; each cache checks and, where so, empties itself.
     */
    private final class ConnectionEvents implements RedisClientListener {
        @Override
        public void disconnected(String address) {
            caches.values().forEach(cache -> cache.connectionEvent(false));
        }

        @Override
        public void reconnected(String address) {
            caches.values().forEach(cache -> cache.connectionEvent(false));
        }

        @Override
        public void topologyChanged() {
            caches.values().forEach(cache -> cache.connectionEvent(true));
        }
    }
}
