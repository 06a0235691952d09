package org.chatapp.redis.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatapp.redis.PubSubConnection;
import org.chatapp.redis.PubSubListener;
import org.chatapp.redis.RedisConnectionFailureException;
import org.chatapp.redis.RedisExceptions;
import org.chatapp.redis.RedisMode;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.RedisServiceException;
import org.chatapp.redis.ValueCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link RedisEvents}: a {@link PubSubConnection} of the service (which keeps the
 * subscriptions in place and publishes), JSON through {@link ValueCodec#json}, and a {@link
 * HandlerQueue} per subscription on a fixed pool of handler threads.
 *
 * <p>A Redis subscription is shared by every handler of its channel or pattern: made for the first,
 * ended with the last. Which kind (classic or sharded) is decided once; until it is known (with
 * {@link EventOptions.Sharding#AUTO} on a cluster, until a node told its version) subscriptions wait
 * for it and publishes wait up to the command timeout.
 *
 * <p>Locking: {@link #lock} guards adding and removing handlers together with the Redis
 * subscription they share; messages are dispatched without it.
 */
final class DefaultRedisEvents implements RedisEvents {

    private static final Logger log = LoggerFactory.getLogger(DefaultRedisEvents.class);
    private static final Duration HANDLER_STOP_WAIT = Duration.ofSeconds(1);
    private static final AtomicInteger BUSES = new AtomicInteger();

    private final EventOptions options;
    private final PubSubConnection connection;
    private final ThreadPoolExecutor handlers;
    private final EventCounters counters = new EventCounters();
    private final CompletableFuture<Boolean> sharded;
    private final boolean patternsAllowed;
    private final Duration decisionWait;
    /** Handlers by full channel (channel prefix included), and by full pattern. */
    private final Map<String, List<Subscriber<?>>> byChannel = new ConcurrentHashMap<>();
    private final Map<String, List<Subscriber<?>>> byPattern = new ConcurrentHashMap<>();
    private final Map<Class<?>, ValueCodec<?>> codecs = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private volatile boolean closed;

    private DefaultRedisEvents(RedisService redis, EventOptions options) {
        this.options = options;
        this.decisionWait = redis.lettuceClient().options().commandTimeout();
        int bus = BUSES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "chatapp-events-" + bus + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // Unbounded on purpose: it holds at most one drain per subscription (HandlerQueue), never events.
        this.handlers = new ThreadPoolExecutor(options.handlerThreads(), options.handlerThreads(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        this.connection = redis.connections().pubSub(new Inbox());
        boolean cluster = redis.mode() == RedisMode.CLUSTER;
        this.sharded = switch (options.sharding()) {
            case CLASSIC -> CompletableFuture.completedFuture(false);
            case SHARDED -> CompletableFuture.completedFuture(true);
            case AUTO -> cluster ? connection.supportsSharded().toCompletableFuture() : CompletableFuture.completedFuture(false);
        };
        this.patternsAllowed = options.sharding() == EventOptions.Sharding.CLASSIC
                || options.sharding() == EventOptions.Sharding.AUTO && !cluster;
    }

    static RedisEvents create(RedisService redis, EventOptions options) {
        if (redis == null) {
            throw new IllegalArgumentException("redis must not be null");
        }
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        ValueCodec.json(Object.class); // Fails here, not at the first event, without Jackson.
        return new DefaultRedisEvents(redis, options);
    }

    // --- publishing ---

    @Override
    public void publish(String channel, Object event) {
        byte[] payload = encode(channel, event);
        String full = options.channelPrefix() + channel;
        if (shardedWithin("PUBLISH", channel)) {
            connection.spublish(full, payload);
        } else {
            connection.publish(full, payload);
        }
    }

    @Override
    public CompletionStage<Void> publishAsync(String channel, Object event) {
        byte[] payload = encode(channel, event);
        String full = options.channelPrefix() + channel;
        return decisionWithin("PUBLISH", channel)
                .thenCompose(s -> s ? connection.spublishAsync(full, payload) : connection.publishAsync(full, payload))
                .thenApply(receivers -> null);
    }

    /** Returns whether to publish sharded, failing after the command timeout while the server's version is unknown. */
    private CompletableFuture<Boolean> decisionWithin(String operation, String channel) {
        if (sharded.isDone()) {
            return sharded;
        }
        return sharded.copy().orTimeout(decisionWait.toNanos(), TimeUnit.NANOSECONDS).exceptionallyCompose(error -> {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            return CompletableFuture.failedFuture(cause instanceof TimeoutException ? versionUnknown(operation, channel, cause)
                    : RedisExceptions.translate(operation, channel, cause));
        });
    }

    private RedisConnectionFailureException versionUnknown(String operation, String channel, Throwable cause) {
        return new RedisConnectionFailureException(operation, channel, "not sent: the Redis version, which decides between"
                + " PUBLISH and SPUBLISH, could not be read within " + decisionWait + " (Redis unreachable)", cause);
    }

    private byte[] encode(String channel, Object event) {
        ChannelNames.requireChannel("channel", channel);
        if (event == null) {
            throw new IllegalArgumentException("event must not be null");
        }
        requireOpen();
        @SuppressWarnings("unchecked")
        ValueCodec<Object> codec = (ValueCodec<Object>) codecFor(event.getClass());
        byte[] payload = codec.encode(event);
        if (payload.length > options.maxPayloadBytes()) {
            throw new IllegalArgumentException("event must be at most maxPayloadBytes (" + options.maxPayloadBytes()
                    + ") as JSON, was " + payload.length + " bytes (a " + event.getClass().getSimpleName() + " for channel '"
                    + channel + "')");
        }
        return payload;
    }

    @SuppressWarnings("unchecked")
    private <T> ValueCodec<T> codecFor(Class<T> type) {
        return (ValueCodec<T>) codecs.computeIfAbsent(type, ValueCodec::json);
    }

    /** Returns whether to publish sharded, waiting up to the command timeout for the server's version. */
    private boolean shardedWithin(String operation, String channel) {
        Boolean known = sharded.getNow(null);
        if (known != null) {
            return known;
        }
        try {
            return sharded.get(decisionWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw versionUnknown(operation, channel, e);
        } catch (ExecutionException e) {
            throw RedisExceptions.translate(operation, channel, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisServiceException(operation, channel, "interrupted", e);
        }
    }

    // --- subscribing ---

    @Override
    public <T> EventSubscription subscribe(String channel, Class<T> type, EventHandler<? super T> handler) {
        ChannelNames.requireChannel("channel", channel);
        return add(channel, false, type, handler);
    }

    @Override
    public <T> EventSubscription subscribePattern(String pattern, Class<T> type, EventHandler<? super T> handler) {
        ChannelNames.requirePattern("pattern", pattern);
        if (!patternsAllowed) {
            throw new IllegalStateException("pattern subscriptions need classic pub/sub, and this bus is " + options.sharding()
                    + (options.sharding() == EventOptions.Sharding.AUTO ? " on a cluster, where events are published sharded on Redis 7" : "")
                    + ": create the bus for patterns with EventOptions.withSharding(Sharding.CLASSIC)");
        }
        return add(pattern, true, type, handler);
    }

    private <T> EventSubscription add(String name, boolean pattern, Class<T> type, EventHandler<? super T> handler) {
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        if (handler == null) {
            throw new IllegalArgumentException("handler must not be null");
        }
        requireOpen();
        String full = pattern ? ChannelNames.escape(options.channelPrefix()) + name : options.channelPrefix() + name;
        String description = (pattern ? "pattern '" : "channel '") + name + "' (" + type.getSimpleName() + ")";
        Subscriber<T> subscriber = new Subscriber<>(name, pattern, full,
                new HandlerQueue<>(description, codecFor(type), handler, options.queueCapacity(), handlers, counters));
        synchronized (lock) {
            requireOpen();
            (pattern ? byPattern : byChannel).computeIfAbsent(full, k -> new CopyOnWriteArrayList<>()).add(subscriber);
        }
        sharded.thenCompose(s -> subscribeInRedis(full, pattern, s)).whenComplete((done, error) -> {
            if (error == null) {
                subscriber.confirmed.complete(null);
            } else {
                subscriber.confirmed.completeExceptionally(error);
            }
        });
        return subscriber;
    }

    /** Makes the Redis subscription a channel's or pattern's handlers share, unless they are all gone. */
    private CompletionStage<Void> subscribeInRedis(String full, boolean pattern, boolean shardedKind) {
        synchronized (lock) {
            List<Subscriber<?>> current = (pattern ? byPattern : byChannel).get(full);
            if (closed || current == null || current.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            // Idempotent: a second handler of a channel waits for (or finds) the confirmation of the first.
            return pattern ? connection.psubscribe(full) : shardedKind ? connection.ssubscribe(full) : connection.subscribe(full);
        }
    }

    private void remove(Subscriber<?> subscriber) {
        Map<String, List<Subscriber<?>>> index = subscriber.pattern ? byPattern : byChannel;
        synchronized (lock) {
            List<Subscriber<?>> current = index.get(subscriber.full);
            if (current == null || !current.remove(subscriber) || !current.isEmpty()) {
                return;
            }
            index.remove(subscriber.full);
        }
        sharded.thenAccept(s -> {
            synchronized (lock) {
                if (closed || index.containsKey(subscriber.full)) {
                    return; // Closed with everything, or a new handler came meanwhile and keeps the subscription.
                }
                if (subscriber.pattern) {
                    connection.punsubscribe(subscriber.full);
                } else if (s) {
                    connection.sunsubscribe(subscriber.full);
                } else {
                    connection.unsubscribe(subscriber.full);
                }
            }
        });
    }

    private void dispatch(List<Subscriber<?>> subscribers, String fullChannel, byte[] payload) {
        if (subscribers == null) {
            return;
        }
        String channel = fullChannel.substring(options.channelPrefix().length());
        for (Subscriber<?> subscriber : subscribers) {
            subscriber.queue.offer(channel, payload);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the event bus is closed");
        }
    }

    @Override
    public CompletionStage<Boolean> sharded() {
        return sharded.minimalCompletionStage();
    }

    @Override
    public EventStats stats() {
        return counters.snapshot();
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            for (Map<String, List<Subscriber<?>>> index : List.of(byChannel, byPattern)) {
                index.values().forEach(subscribers -> subscribers.forEach(subscriber -> subscriber.queue.close()));
                index.clear();
            }
        }
        try {
            connection.close();
        } finally {
            handlers.shutdown();
            try {
                if (!handlers.awaitTermination(HANDLER_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("Event handlers still running {} after the bus closed; interrupting them", HANDLER_STOP_WAIT);
                    handlers.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handlers.shutdownNow();
            }
        }
    }

    @Override
    public String toString() {
        return "RedisEvents[prefix '" + options.channelPrefix() + "', " + options.sharding() + "]";
    }

    /** One handler's subscription. */
    private final class Subscriber<T> implements EventSubscription {
        final String name;
        final boolean pattern;
        final String full;
        final HandlerQueue<T> queue;
        final CompletableFuture<Void> confirmed = new CompletableFuture<>();
        private volatile boolean ended;

        Subscriber(String name, boolean pattern, String full, HandlerQueue<T> queue) {
            this.name = name;
            this.pattern = pattern;
            this.full = full;
            this.queue = queue;
        }

        @Override
        public String channel() {
            return name;
        }

        @Override
        public boolean isPattern() {
            return pattern;
        }

        @Override
        public CompletionStage<Void> confirmed() {
            return confirmed.minimalCompletionStage();
        }

        @Override
        public void close() {
            if (ended) {
                return;
            }
            ended = true;
            queue.close();
            remove(this);
        }

        @Override
        public String toString() {
            return "EventSubscription[" + (pattern ? "pattern " : "channel ") + name + "]";
        }
    }

    /** The pub/sub connection's callbacks, on a Redis event loop: they only queue. */
    private final class Inbox implements PubSubListener {

        @Override
        public void message(String channel, byte[] message) {
            dispatch(byChannel.get(channel), channel, message);
        }

        @Override
        public void shardMessage(String shardChannel, byte[] message) {
            dispatch(byChannel.get(shardChannel), shardChannel, message);
        }

        @Override
        public void patternMessage(String pattern, String channel, byte[] message) {
            if (channel.startsWith(options.channelPrefix())) {
                dispatch(byPattern.get(pattern), channel, message);
            }
        }

        @Override
        public void resubscribed(PubSubConnection.Kind kind, String name) {
            counters.resubscribed();
        }
    }
}
