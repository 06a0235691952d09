package org.chatapp.redis.lock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.chatapp.redis.PubSubConnection;
import org.chatapp.redis.PubSubListener;
import org.chatapp.redis.RedisService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the releases other processes announce on the locks this process waits for: one pub/sub
 * connection, opened when the first waiter needs it, subscribed to a lock's channel while anyone
 * here waits for that lock.
 */
final class ReleaseAnnouncements implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReleaseAnnouncements.class);
    private static final String CHANNEL_START = "{lock:";
    private static final String CHANNEL_END = "}:released";

    private final RedisService redis;
    private final Consumer<String> released;
    /** Waiters per lock name; guarded by this. */
    private final Map<String, Integer> listening = new HashMap<>();
    private PubSubConnection connection;

    ReleaseAnnouncements(RedisService redis, Consumer<String> released) {
        this.redis = redis;
        this.released = released;
    }

    /** The channel a lock's release is announced on, in the caller's terms (the service adds its prefix). */
    static String channel(String name) {
        return CHANNEL_START + name + CHANNEL_END;
    }

    /**
     * Starts hearing a lock's releases; returns whether Redis confirmed the subscription within
     * {@code waitMillis}. Each call is matched by one {@link #stop}.
     */
    boolean listen(String name, long waitMillis) {
        java.util.concurrent.CompletionStage<Void> subscribed;
        synchronized (this) {
            int waiters = listening.merge(name, 1, Integer::sum);
            if (connection == null) {
                connection = redis.connections().pubSub(new Listener());
            }
            subscribed = waiters == 1 ? connection.subscribe(channel(name)) : null;
        }
        if (subscribed == null) {
            // Another waiter subscribed; it may not be confirmed yet, which the caller's next
            // attempt and its bounded wait cover.
            return true;
        }
        try {
            subscribed.toCompletableFuture().get(Math.max(1, waitMillis), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.debug("Subscribing to the releases of lock '{}' failed: {}", name, e.toString());
            return false;
        }
    }

    /** Stops hearing a lock's releases for one waiter; the last one unsubscribes. */
    synchronized void stop(String name) {
        Integer waiters = listening.get(name);
        if (waiters == null) {
            return;
        }
        if (waiters > 1) {
            listening.put(name, waiters - 1);
            return;
        }
        listening.remove(name);
        if (connection != null) {
            connection.unsubscribe(channel(name));
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        listening.clear();
    }

    /** Turns a message on a lock's channel into a wake-up of that lock's waiters. */
    private final class Listener implements PubSubListener {
        @Override
        public void message(String channel, byte[] message) {
            if (channel.startsWith(CHANNEL_START) && channel.endsWith(CHANNEL_END)) {
                released.accept(channel.substring(CHANNEL_START.length(), channel.length() - CHANNEL_END.length()));
            }
        }
    }
}
