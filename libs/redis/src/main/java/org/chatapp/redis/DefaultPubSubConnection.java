package org.chatapp.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubListener;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link PubSubConnection}: keeps the subscriptions it was asked for in place on Lettuce
 * pub/sub connections, and publishes on an ordinary connection of its own.
 *
 * <p>What Lettuce 7.7 does by itself: a pub/sub connection that reconnects to the same address
 * sends SUBSCRIBE, PSUBSCRIBE and SSUBSCRIBE again for the names Redis had confirmed on it
 * ({@code StatefulRedisPubSubConnectionImpl.activated()}), once, logging a failure and giving up;
 * a cluster's default pub/sub connection reconnects to another node when its own is gone. What it
 * does not: a shard channel lives on a node connection of the cluster pub/sub connection, and when
 * that master dies its connection either keeps reconnecting to the dead address or is closed as
 * stale once the node is dropped from the topology; nothing subscribes on the promoted replica
 * (lettuce #2356, #3213). When Redis ends a shard subscription itself (its slot moved), Lettuce
 * forgets it. A SUBSCRIBE that was in flight when the connection dropped (the {@link ReplayGuard}
 * fails it rather than let it be replayed), or refused with {@code LOADING} by a restarting
 * server, is never sent again.
 *
 * <p>So this class records what the caller wants and what Redis confirmed, and on which Lettuce
 * connection: a disconnect marks what was confirmed there as lost; a reconnect leaves Lettuce's own
 * resubscription a command timeout to be confirmed; a topology change (and a check every {@link
 * #CHECK_INTERVAL}) moves shard subscriptions to the master now serving their slot, unsubscribing
 * them where they were; a shard subscription Redis ended, or an SSUBSCRIBE answered {@code MOVED},
 * first reloads the slot map, so it goes to the new master rather than back; anything not
 * confirmed a command timeout after it was sent is sent again; and while a shard channel has no
 * live node the slot map is reloaded, at most every {@link #TOPOLOGY_RELOAD_INTERVAL}, so recovery
 * does not wait for Lettuce's periodic refresh (30 s by default). Costs while everything is
 * confirmed: one pass over the subscriptions per check.
 *
 * <p>Locking: {@link #lock} guards the bookkeeping; commands are sent and listeners called outside it.
 */
final class DefaultPubSubConnection implements PubSubConnection {

    /** How often the subscriptions are checked against what Redis confirmed and against the slot map. */
    static final Duration CHECK_INTERVAL = Duration.ofMillis(500);
    /** Least time between two slot-map reloads asked for while a shard channel has no live node. */
    static final Duration TOPOLOGY_RELOAD_INTERVAL = Duration.ofSeconds(1);
    /**
     * Longest {@link #close()} waits for a connection attempt or version check in flight: closed under
     * it, the client's shutdown would find them half-open and Lettuce would log a page of warnings.
     */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(DefaultPubSubConnection.class);

    /** Error codes that refuse a subscription for now only: it is sent again later. */
    private static final Set<String> RETRYABLE_ERROR_CODES =
            Set.of("CLUSTERDOWN", "TRYAGAIN", "LOADING", "MASTERDOWN", "BUSY", "MOVED", "ASK");
    private static final String VERSION_FIELD = "redis_version:";

    private final LettuceClient client;
    private final KeyCodec keys;
    private final PubSubListener listener;
    private final Consumer<DefaultPubSubConnection> onClose;
    private final LongSupplier nanoClock;
    private final long resendAfterNanos;
    private final EventExecutorGroup executor;
    private final LazyConnection<byte[], byte[]> publishing;
    private final CommandRunner publisher;
    private final ClientEvents clientEvents;
    private final Inbox inbox = new Inbox();
    private final CompletableFuture<Boolean> shardedSupport = new CompletableFuture<>();
    private final AtomicBoolean shardedCheckStarted = new AtomicBoolean();
    /** The connection attempt and the version check in flight, if any; {@link #close()} lets them finish. */
    private volatile CompletableFuture<?> mainAttempt = CompletableFuture.completedFuture(null);
    private volatile CompletableFuture<?> versionAttempt = CompletableFuture.completedFuture(null);
    /** What the caller wants; read without the lock on the message path, changed under it. */
    private final Map<Key, Wanted> wanted = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    // Guarded by lock.
    private StatefulRedisPubSubConnection<byte[], byte[]> main;
    private Link mainLink;
    private final Map<String, Link> nodeLinks = new HashMap<>();
    private long failedConnects;
    private int lostCount;
    private int restoredInEpisode;
    private long lostSinceNanos;
    private long lastTopologyReloadNanos;
    private boolean topologyReloaded;
    private ScheduledFuture<?> checks;
    /** Written under the lock; read without it where a stale answer costs one useless step. */
    private volatile boolean closed;

    DefaultPubSubConnection(LettuceClient client, KeyCodec keys, PubSubListener listener,
            Consumer<DefaultPubSubConnection> onClose, LongSupplier nanoClock) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        RedisOptions options = client.options();
        this.client = client;
        this.keys = keys;
        this.listener = listener;
        this.onClose = onClose;
        this.nanoClock = nanoClock;
        this.resendAfterNanos = Math.max(options.commandTimeout().toNanos(), CHECK_INTERVAL.toNanos());
        this.executor = client.unwrap().getResources().eventExecutorGroup();
        this.publishing = new LazyConnection<>(client, ByteArrayCodec.INSTANCE, nanoClock);
        // No reply spin: a publish is not worth a busy core.
        this.publisher = new CommandRunner(publishing, keys, options.commandTimeout(), options.requestQueueSize(),
                new ReplySpin(Duration.ZERO, nanoClock), timeoutHandler(client, nanoClock));
        this.clientEvents = new ClientEvents(client);
    }

    private static Runnable timeoutHandler(LettuceClient client, LongSupplier nanoClock) {
        if (client.unwrap() instanceof RedisClusterClient cluster && client.options().clusterOptions().adaptiveRefresh()) {
            return new TopologyRefreshOnTimeout(cluster, client.options().clusterOptions().adaptiveRefreshTimeout(),
                    nanoClock)::commandTimedOut;
        }
        return () -> { };
    }

    /** Starts connecting in the background and checking the subscriptions; returns at once. */
    DefaultPubSubConnection start() {
        synchronized (lock) {
            try {
                checks = executor.scheduleWithFixedDelay(this::check, CHECK_INTERVAL.toNanos(), CHECK_INTERVAL.toNanos(),
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                throw new IllegalStateException("the Redis client is closed");
            }
        }
        if (client.mode() == RedisMode.CLUSTER) {
            clientEvents.add(new RedisClientListener() {
                @Override
                public void topologyChanged() {
                    runLater(() -> {
                        followTopology();
                        reconcile();
                    });
                }
            });
        }
        connectMain();
        return this;
    }

    // --- subscribing ---

    @Override
    public CompletionStage<Void> subscribe(String... channels) {
        return want(Kind.CHANNEL, channels);
    }

    @Override
    public CompletionStage<Void> psubscribe(String... patterns) {
        return want(Kind.PATTERN, patterns);
    }

    @Override
    public CompletionStage<Void> ssubscribe(String... shardChannels) {
        return want(Kind.SHARD_CHANNEL, shardChannels);
    }

    @Override
    public CompletionStage<Void> unsubscribe(String... channels) {
        return unwant(Kind.CHANNEL, channels);
    }

    @Override
    public CompletionStage<Void> punsubscribe(String... patterns) {
        return unwant(Kind.PATTERN, patterns);
    }

    @Override
    public CompletionStage<Void> sunsubscribe(String... shardChannels) {
        return unwant(Kind.SHARD_CHANNEL, shardChannels);
    }

    @Override
    public Set<String> subscriptions(Kind kind) {
        Set<String> names = new LinkedHashSet<>();
        for (Wanted w : wanted.values()) {
            if (w.key.kind() == kind) {
                names.add(w.name);
            }
        }
        return Collections.unmodifiableSet(names);
    }

    private CompletionStage<Void> want(Kind kind, String[] names) {
        List<Key> requested = keysOf(kind, names);
        List<CompletableFuture<Void>> confirmations = new ArrayList<>();
        synchronized (lock) {
            requireOpen();
            long now = nanoClock.getAsLong();
            for (int i = 0; i < names.length; i++) {
                String name = names[i];
                Wanted w = wanted.computeIfAbsent(requested.get(i), k -> new Wanted(k, name, slotOf(k), now));
                if (w.confirmedOn == null) {
                    CompletableFuture<Void> confirmed = new CompletableFuture<>();
                    w.waiters.add(confirmed);
                    confirmations.add(confirmed);
                }
            }
        }
        reconcile();
        return CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new));
    }

    private CompletionStage<Void> unwant(Kind kind, String[] names) {
        List<Key> requested = keysOf(kind, names);
        List<CompletableFuture<Void>> cancelled = new ArrayList<>();
        Map<Batch, List<Wanted>> sends = new LinkedHashMap<>();
        synchronized (lock) {
            for (Key key : requested) {
                Wanted w = wanted.remove(key);
                if (w == null) {
                    continue;
                }
                if (w.lost) {
                    lostCount--;
                }
                cancelled.addAll(w.takeWaiters());
                Link on = w.confirmedOn != null ? w.confirmedOn : w.sentTo;
                if (on != null && on.up) {
                    sends.computeIfAbsent(new Batch(kind, on, w.slot), b -> new ArrayList<>()).add(w);
                }
            }
        }
        cancelled.forEach(waiter -> waiter.cancel(false));
        List<CompletableFuture<?>> replies = new ArrayList<>();
        sends.forEach((batch, items) -> replies.add(send(batch.link().connection, kind, false, rawNames(items))
                .toCompletableFuture().handle((reply, error) -> null)));
        return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new));
    }

    private List<Key> keysOf(Kind kind, String[] names) {
        String argument = kind == Kind.PATTERN ? "patterns" : kind == Kind.SHARD_CHANNEL ? "shardChannels" : "channels";
        if (names == null || names.length == 0) {
            throw new IllegalArgumentException(argument + " must not be empty");
        }
        List<Key> result = new ArrayList<>(names.length);
        for (String name : names) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException(argument + " must not contain a null or empty " + kind.label() + ", was "
                        + (name == null ? "null" : "''"));
            }
            result.add(new Key(kind, kind == Kind.PATTERN ? keys.pattern(name) : keys.raw(name)));
        }
        return result;
    }

    private int slotOf(Key key) {
        return key.kind() == Kind.SHARD_CHANNEL ? SlotHash.getSlot(key.raw().getBytes(StandardCharsets.UTF_8)) : -1;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the pub/sub connection is closed");
        }
    }

    // --- publishing ---

    @Override
    public long publish(String channel, byte[] message) {
        byte[] raw = publishArguments("channel", channel, message);
        return publisher.sync("PUBLISH", channel, c -> c.publish(raw, message));
    }

    @Override
    public CompletionStage<Long> publishAsync(String channel, byte[] message) {
        byte[] raw = publishArguments("channel", channel, message);
        return publisher.async("PUBLISH", channel, c -> c.publish(raw, message), count -> count);
    }

    @Override
    public long spublish(String shardChannel, byte[] message) {
        byte[] raw = publishArguments("shardChannel", shardChannel, message);
        return publisher.sync("SPUBLISH", shardChannel, c -> c.spublish(raw, message));
    }

    @Override
    public CompletionStage<Long> spublishAsync(String shardChannel, byte[] message) {
        byte[] raw = publishArguments("shardChannel", shardChannel, message);
        return publisher.async("SPUBLISH", shardChannel, c -> c.spublish(raw, message), count -> count);
    }

    private byte[] publishArguments(String argument, String channel, byte[] message) {
        if (channel == null || channel.isEmpty()) {
            throw new IllegalArgumentException(argument + " must not be null or empty, was " + (channel == null ? "null" : "''"));
        }
        if (message == null) {
            throw new IllegalArgumentException("message must not be null");
        }
        requireOpen();
        return keys.encode(channel);
    }

    @Override
    public CompletionStage<Boolean> supportsSharded() {
        if (shardedCheckStarted.compareAndSet(false, true)) {
            askVersion(1);
        }
        return shardedSupport.minimalCompletionStage();
    }

    private void askVersion(long attempt) {
        if (closed) {
            return;
        }
        CompletableFuture<Integer> asking = publisher.async("INFO", null, c -> c.info("server"), DefaultPubSubConnection::majorVersion)
                .toCompletableFuture();
        versionAttempt = asking;
        asking.whenComplete((major, error) -> {
            if (error == null) {
                shardedSupport.complete(major >= 7);
                return;
            }
            log.debug("Reading the Redis version failed ({}); asking again", error.toString());
            runLater(() -> askVersion(attempt + 1), client.options().reconnectPolicy().delay(attempt));
        });
    }

    /** Returns the major version from the text of {@code INFO server}; 0 when it names none. */
    static int majorVersion(String info) {
        int at = info == null ? -1 : info.indexOf(VERSION_FIELD);
        if (at < 0) {
            return 0;
        }
        int start = at + VERSION_FIELD.length();
        int end = start;
        while (end < info.length() && Character.isDigit(info.charAt(end))) {
            end++;
        }
        return end == start ? 0 : Integer.parseInt(info.substring(start, end));
    }

    // --- the Lettuce connections ---

    private void connectMain() {
        if (closed) {
            return;
        }
        CompletableFuture<? extends StatefulRedisPubSubConnection<byte[], byte[]>> connecting;
        try {
            if (client.unwrap() instanceof RedisClusterClient cluster) {
                // Lettuce's async connect needs the slot map loaded; its sync connect loads it while blocking.
                connecting = cluster.refreshPartitionsAsync().toCompletableFuture()
                        .thenCompose(loaded -> cluster.connectPubSubAsync(ByteArrayCodec.INSTANCE));
            } else {
                // A sentinel URI makes Lettuce ask the sentinels for the master on every (re)connect.
                RedisURI uri = RedisClientProvider.dataUri(client.options());
                connecting = ((RedisClient) client.unwrap()).connectPubSubAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture();
            }
        } catch (RuntimeException e) {
            connecting = CompletableFuture.failedFuture(e);
        }
        mainAttempt = connecting.handle(this::adopt).thenCompose(closing -> closing);
    }

    /** Takes an opened connection into use; returns the closing of one that opened after {@link #close()}. */
    @SuppressWarnings("unchecked")
    private CompletionStage<Void> adopt(StatefulRedisPubSubConnection<byte[], byte[]> opened, Throwable error) {
        if (error != null) {
            mainFailed(error);
            return CompletableFuture.completedFuture(null);
        }
        synchronized (lock) {
            if (closed) {
                return opened.closeAsync();
            }
            if (failedConnects > 0) {
                log.info("Pub/sub connection to Redis {} open after {} failed attempts", client.mode().label(), failedConnects);
            }
            failedConnects = 0;
            main = opened;
            mainLink = new Link(opened, null);
            opened.addListener(mainLink);
            if (opened instanceof StatefulRedisClusterPubSubConnection<byte[], byte[]> cluster) {
                cluster.addListener((RedisClusterPubSubListener<byte[], byte[]>) inbox);
            } else {
                opened.addListener((RedisPubSubListener<byte[], byte[]>) inbox);
            }
        }
        reconcile();
        return CompletableFuture.completedFuture(null);
    }

    private void mainFailed(Throwable error) {
        long attempt;
        synchronized (lock) {
            if (closed) {
                return;
            }
            attempt = ++failedConnects;
        }
        if (attempt == 1) {
            // One line for the outage, not one per attempt.
            log.warn("Pub/sub connection to Redis {} not open yet ({}); retrying in the background", client.mode().label(),
                    unwrap(error).getMessage());
        }
        runLater(this::connectMain, client.options().reconnectPolicy().delay(attempt));
    }

    /** Returns the pub/sub connection to a cluster node, tracked by a link of its own. */
    private CompletableFuture<Link> nodeLink(RedisClusterNode node) {
        String address = address(node);
        StatefulRedisClusterPubSubConnection<byte[], byte[]> cluster;
        synchronized (lock) {
            cluster = (StatefulRedisClusterPubSubConnection<byte[], byte[]>) main;
        }
        CompletableFuture<StatefulRedisPubSubConnection<byte[], byte[]>> connecting;
        try {
            connecting = cluster.getConnectionAsync(node.getUri().getHost(), node.getUri().getPort());
        } catch (RuntimeException e) {
            connecting = CompletableFuture.failedFuture(e);
        }
        return connecting.thenApply(connection -> {
            synchronized (lock) {
                Link link = nodeLinks.get(address);
                // Lettuce opens a new connection when it closed the last one as stale.
                if (link == null || link.connection != connection) {
                    link = new Link(connection, address);
                    connection.addListener(link);
                    nodeLinks.put(address, link);
                }
                return link;
            }
        });
    }

    private Partitions clusterPartitions() {
        return main instanceof StatefulRedisClusterPubSubConnection<byte[], byte[]> cluster ? cluster.getPartitions() : null;
    }

    static String address(RedisClusterNode node) {
        return node.getUri().getHost() + ":" + node.getUri().getPort();
    }

    // --- keeping the subscriptions in place ---

    /** Sends the subscriptions that are neither confirmed nor sent within the last command timeout. */
    private void reconcile() {
        Map<Batch, List<Wanted>> batches = new LinkedHashMap<>();
        Map<String, RedisClusterNode> targets = new HashMap<>();
        synchronized (lock) {
            if (closed || main == null) {
                return;
            }
            long now = nanoClock.getAsLong();
            Partitions partitions = clusterPartitions();
            for (Wanted w : wanted.values()) {
                if (w.confirmedOn != null || w.sent && now - w.sentAtNanos < resendAfterNanos) {
                    continue;
                }
                if (partitions != null && w.key.kind() == Kind.SHARD_CHANNEL) {
                    RedisClusterNode master = partitions.getMasterBySlot(w.slot);
                    if (master == null) {
                        continue; // No node serves the slot now; the check reloads the slot map.
                    }
                    String address = address(master);
                    targets.put(address, master);
                    w.markSent(now, null, address);
                    batches.computeIfAbsent(new Batch(w.key.kind(), null, w.slot, address), b -> new ArrayList<>()).add(w);
                } else if (mainLink.up) {
                    // While it is down, Lettuce resubscribes what it confirmed on reconnect, and linkUp() sends the rest.
                    w.markSent(now, mainLink, null);
                    batches.computeIfAbsent(new Batch(w.key.kind(), mainLink, -1, null), b -> new ArrayList<>()).add(w);
                }
            }
        }
        batches.forEach((batch, items) -> {
            if (batch.link() != null) {
                subscribeOn(batch.link(), batch, items);
            } else {
                nodeLink(targets.get(batch.address())).whenComplete((link, error) -> {
                    if (error != null) {
                        log.debug("No pub/sub connection to {} for {}: {}", batch.address(), names(items), unwrap(error).toString());
                        return; // Sent again after the resend delay.
                    }
                    synchronized (lock) {
                        for (Wanted w : items) {
                            if (w.sentTo == null && batch.address().equals(w.sentToAddress)) {
                                w.sentTo = link;
                            }
                        }
                    }
                    subscribeOn(link, batch, items);
                });
            }
        });
    }

    private void subscribeOn(Link link, Batch batch, List<Wanted> items) {
        send(link.connection, batch.kind(), true, rawNames(items)).whenComplete((reply, error) -> {
            if (error != null) {
                subscribeFailed(batch.kind(), link, items, error);
            }
        });
    }

    private void subscribeFailed(Kind kind, Link link, List<Wanted> items, Throwable error) {
        Throwable cause = unwrap(error);
        if (!(cause instanceof RedisCommandExecutionException)) {
            // Not sent, or no reply (the connection dropped): sent again after the resend delay.
            log.debug("{} of {} on {} got no reply: {}", kind.subscribeCommand(), names(items), link, cause.toString());
            return;
        }
        String code = String.valueOf(cause.getMessage()).split(" ", 2)[0];
        if (RETRYABLE_ERROR_CODES.contains(code)) {
            log.debug("{} of {} on {} refused for now: {}", kind.subscribeCommand(), names(items), link, cause.getMessage());
            if (code.equals("MOVED") || code.equals("ASK")) {
                reloadTopology().thenRun(() -> runLater(() -> {
                    followTopology();
                    reconcile();
                }));
            }
            return;
        }
        Map<Wanted, List<CompletableFuture<Void>>> refused = new LinkedHashMap<>();
        synchronized (lock) {
            for (Wanted w : items) {
                if (wanted.remove(w.key, w)) {
                    if (w.lost) {
                        lostCount--;
                    }
                    refused.put(w, w.takeWaiters());
                }
            }
        }
        log.warn("Redis refused {} of {}, which is no longer kept: {}", kind.subscribeCommand(),
                names(List.copyOf(refused.keySet())), cause.getMessage());
        refused.forEach((w, waiters) -> {
            RedisServiceException failure = CommandRunner.translate(kind.subscribeCommand(), w.name, cause);
            waiters.forEach(waiter -> waiter.completeExceptionally(failure));
        });
    }

    /** Redis confirmed a subscription on the connection of {@code node} (null outside a cluster). */
    private void confirmed(Kind kind, byte[] rawName, RedisClusterNode node) {
        Key key = new Key(kind, utf8(rawName));
        List<CompletableFuture<Void>> waiters = List.of();
        Wanted restored = null;
        Link stray = null;
        synchronized (lock) {
            Wanted w = wanted.get(key);
            Link link = linkOf(kind, node, w);
            if (link == null) {
                return;
            }
            if (w == null || w.confirmedOn != null && w.confirmedOn != link) {
                // Lettuce resubscribed a name unsubscribed meanwhile, or one now confirmed on another node.
                stray = link;
            } else if (w.confirmedOn == null) {
                w.confirmedOn = link;
                w.lastConfirmedOn = link;
                waiters = w.takeWaiters();
                if (w.lost) {
                    w.lost = false;
                    restored = w;
                    restoredInEpisode++;
                    if (--lostCount == 0) {
                        log.info("Pub/sub subscriptions restored: {} after {} ms", restoredInEpisode,
                                Duration.ofNanos(nanoClock.getAsLong() - lostSinceNanos).toMillis());
                    }
                }
            }
        }
        if (stray != null && stray.up) {
            send(stray.connection, kind, false, new byte[][] {rawName});
        }
        waiters.forEach(waiter -> waiter.complete(null));
        if (restored != null) {
            log.debug("Resubscribed to {} {}", kind.label(), restored.name);
            Wanted w = restored;
            notifyListener(() -> listener.resubscribed(kind, w.name));
        }
    }

    /**
     * Redis ended a subscription without being asked: in a cluster, a shard channel whose slot left
     * the node. The slot map is reloaded first, so that the subscription goes to the slot's new
     * master rather than back to the node that just ended it (a replica of the slot now, which would
     * accept it); without news from the reload it is sent again after the resend delay.
     */
    private void endedByServer(Kind kind, byte[] rawName, RedisClusterNode node) {
        Key key = new Key(kind, utf8(rawName));
        boolean followSlot;
        synchronized (lock) {
            Wanted w = wanted.get(key);
            if (w == null || w.confirmedOn == null || w.confirmedOn != linkOf(kind, node, w)) {
                return; // Asked for, or the end of a stray.
            }
            log.info("Redis ended the subscription to {} {} on {}; subscribing again", kind.label(), w.name, w.confirmedOn);
            Link endedOn = w.confirmedOn;
            long now = nanoClock.getAsLong();
            markLost(w, now);
            w.lastConfirmedOn = null;
            followSlot = kind == Kind.SHARD_CHANNEL && clusterPartitions() != null;
            if (followSlot) {
                // Held back from reconcile() until the reload shows where the slot went (followTopology() releases it).
                w.markSent(now, endedOn, endedOn.address);
            }
        }
        if (followSlot) {
            reloadTopology().thenRun(() -> runLater(() -> {
                followTopology();
                reconcile();
            }));
        } else {
            runLater(this::reconcile);
        }
    }

    /** Returns the link a confirmation or message came over, or null when it is none of this connection's. */
    private Link linkOf(Kind kind, RedisClusterNode node, Wanted w) {
        if (kind != Kind.SHARD_CHANNEL || clusterPartitions() == null) {
            return mainLink;
        }
        Link link = node == null ? null : nodeLinks.get(address(node));
        return link != null ? link : w == null ? null : w.sentTo;
    }

    private void linkDown(Link link) {
        int lost = 0;
        synchronized (lock) {
            link.up = false;
            if (closed) {
                return;
            }
            long now = nanoClock.getAsLong();
            for (Wanted w : wanted.values()) {
                if (w.confirmedOn == link) {
                    markLost(w, now);
                    lost++;
                }
            }
        }
        if (lost > 0) {
            log.warn("Lost {} holding {} subscriptions; they are restored once it is back or another node serves them", link, lost);
        }
    }

    private void linkUp(Link link, SocketAddress remote) {
        synchronized (lock) {
            link.up = true;
            link.remote = remote;
            long now = nanoClock.getAsLong();
            for (Wanted w : wanted.values()) {
                if (w.confirmedOn == null && w.lastConfirmedOn == link) {
                    // Lettuce subscribes again to what it had confirmed here; leave it a command timeout to do so.
                    w.markSent(now, link, link.address);
                }
            }
        }
        runLater(this::reconcile);
    }

    private void markLost(Wanted w, long now) {
        w.confirmedOn = null;
        w.sent = false;
        if (!w.lost) {
            w.lost = true;
            if (lostCount++ == 0) {
                lostSinceNanos = now;
                restoredInEpisode = 0;
            }
        }
    }

    /** Moves shard subscriptions confirmed on a node that no longer serves their slot to the one that does. */
    private void followTopology() {
        Map<Batch, List<Wanted>> strays = new LinkedHashMap<>();
        synchronized (lock) {
            Partitions partitions = clusterPartitions();
            if (closed || partitions == null) {
                return;
            }
            long now = nanoClock.getAsLong();
            for (Wanted w : wanted.values()) {
                if (w.key.kind() != Kind.SHARD_CHANNEL) {
                    continue;
                }
                RedisClusterNode master = partitions.getMasterBySlot(w.slot);
                if (master == null) {
                    continue; // Nothing to move to yet.
                }
                String owner = address(master);
                Link on = w.confirmedOn;
                if (on != null && !owner.equals(on.address)) {
                    if (on.up) {
                        strays.computeIfAbsent(new Batch(Kind.SHARD_CHANNEL, on, w.slot), b -> new ArrayList<>()).add(w);
                    }
                    markLost(w, now);
                    w.lastConfirmedOn = null;
                } else if (on == null && w.sent && !owner.equals(w.sentToAddress)) {
                    w.sent = false;
                }
            }
        }
        if (!strays.isEmpty()) {
            log.info("Shard channel subscriptions move to the masters now serving their slots: {}",
                    strays.values().stream().mapToInt(List::size).sum());
        }
        // Unsubscribed where they were, so a node that stays a replica of the slot does not deliver twice.
        strays.forEach((batch, items) -> send(batch.link().connection, Kind.SHARD_CHANNEL, false, rawNames(items)));
    }

    private void check() {
        try {
            followTopology();
            reconcile();
            reloadTopologyIfStuck();
        } catch (RuntimeException e) {
            log.warn("Checking the pub/sub subscriptions failed", e);
        }
    }

    /** Reloads the slot map while a shard channel has gone unconfirmed for a command timeout. */
    private void reloadTopologyIfStuck() {
        boolean stuck = false;
        synchronized (lock) {
            if (closed || clusterPartitions() == null) {
                return;
            }
            long now = nanoClock.getAsLong();
            for (Wanted w : wanted.values()) {
                if (w.key.kind() == Kind.SHARD_CHANNEL && w.confirmedOn == null && now - w.unconfirmedSinceNanos >= resendAfterNanos) {
                    stuck = true;
                    break;
                }
            }
        }
        if (stuck) {
            reloadTopology(); // Its topology event, or the next check, acts on what it finds.
        }
    }

    /** Reloads the slot map, at most once per {@link #TOPOLOGY_RELOAD_INTERVAL}; completes when the reload (if any) did. */
    private CompletableFuture<Void> reloadTopology() {
        if (!(client.unwrap() instanceof RedisClusterClient cluster)) {
            return CompletableFuture.completedFuture(null);
        }
        synchronized (lock) {
            long now = nanoClock.getAsLong();
            if (closed || topologyReloaded && now - lastTopologyReloadNanos < TOPOLOGY_RELOAD_INTERVAL.toNanos()) {
                return CompletableFuture.completedFuture(null);
            }
            topologyReloaded = true;
            lastTopologyReloadNanos = now;
        }
        if (cluster.isTopologyRefreshInProgress()) {
            return CompletableFuture.completedFuture(null); // Its topology event brings the news.
        }
        return cluster.refreshPartitionsAsync().toCompletableFuture().handle((loaded, error) -> {
            if (error != null) {
                log.debug("Reloading the slot map for shard channels failed: {}", error.toString());
            }
            return null;
        });
    }

    // --- messages ---

    private void channelMessage(byte[] channel, byte[] body) {
        Wanted w = wanted.get(new Key(Kind.CHANNEL, utf8(channel)));
        if (w != null) {
            notifyListener(() -> listener.message(w.name, body));
        }
    }

    private void patternMessage(byte[] pattern, byte[] channel, byte[] body) {
        Wanted w = wanted.get(new Key(Kind.PATTERN, utf8(pattern)));
        String raw = utf8(channel);
        if (w != null && raw.startsWith(keys.prefix())) {
            notifyListener(() -> listener.patternMessage(w.name, keys.key(raw), body));
        }
    }

    private void shardMessage(RedisClusterNode node, byte[] channel, byte[] body) {
        Wanted w = wanted.get(new Key(Kind.SHARD_CHANNEL, utf8(channel)));
        if (w == null) {
            return;
        }
        Link on = w.confirmedOn;
        if (node != null && on != null && on.address != null && !on.address.equals(address(node))) {
            return; // A copy from a node the subscription has left.
        }
        notifyListener(() -> listener.shardMessage(w.name, body));
    }

    private void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // A failing listener must not end the connection's reading.
            log.warn("Pub/sub listener {} failed", listener, e);
        }
    }

    // --- plumbing ---

    private static RedisFuture<Void> send(StatefulRedisPubSubConnection<byte[], byte[]> connection, Kind kind, boolean subscribe,
            byte[][] names) {
        RedisPubSubAsyncCommands<byte[], byte[]> commands = connection.async();
        return switch (kind) {
            case CHANNEL -> subscribe ? commands.subscribe(names) : commands.unsubscribe(names);
            case PATTERN -> subscribe ? commands.psubscribe(names) : commands.punsubscribe(names);
            case SHARD_CHANNEL -> subscribe ? commands.ssubscribe(names) : commands.sunsubscribe(names);
        };
    }

    private static byte[][] rawNames(List<Wanted> items) {
        byte[][] names = new byte[items.size()][];
        for (int i = 0; i < names.length; i++) {
            names[i] = items.get(i).key.raw().getBytes(StandardCharsets.UTF_8);
        }
        return names;
    }

    private static List<String> names(List<Wanted> items) {
        return items.stream().map(w -> w.name).toList();
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private void runLater(Runnable task) {
        runLater(task, Duration.ZERO);
    }

    private void runLater(Runnable task, Duration delay) {
        if (closed) {
            return;
        }
        try {
            executor.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("Pub/sub upkeep failed", e);
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // The client is closing; nothing left to keep.
        }
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> waiters = new ArrayList<>();
        StatefulRedisPubSubConnection<byte[], byte[]> open;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (checks != null) {
                checks.cancel(false);
            }
            for (Wanted w : wanted.values()) {
                waiters.addAll(w.takeWaiters());
            }
            wanted.clear();
            open = main;
            main = null;
        }
        clientEvents.close();
        awaitAttemptsInFlight();
        RedisConnectionFailureException closedFailure = new RedisConnectionFailureException("SUBSCRIBE", null,
                "the pub/sub connection was closed before Redis confirmed the subscription", null);
        waiters.forEach(waiter -> waiter.completeExceptionally(closedFailure));
        shardedSupport.completeExceptionally(new IllegalStateException("the pub/sub connection is closed"));
        try {
            if (open != null) {
                // Closes its cluster node connections too.
                open.close();
            }
        } finally {
            publishing.close();
            onClose.accept(this);
        }
    }

    private void awaitAttemptsInFlight() {
        if (io.netty.util.internal.ThreadExecutorMap.currentExecutor() instanceof io.netty.channel.EventLoop) {
            return; // The attempts may need this very thread to finish.
        }
        try {
            CompletableFuture.allOf(mainAttempt, versionAttempt).get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // Failed or still running: either way there is nothing more to wait for.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "PubSubConnection[" + client.mode().label() + ", " + wanted.size() + " subscriptions]";
    }

    /** A subscription by kind and raw name (prefix included; for a pattern, with the prefix escaped). */
    private record Key(Kind kind, String raw) {
    }

    /**
     * Subscriptions sent together: one kind, one connection and, for shard channels in a cluster, one
     * slot (several slots in one SSUBSCRIBE is a CROSSSLOT error). {@code link} is null while the
     * connection to {@code address} is still to be found.
     */
    private record Batch(Kind kind, Link link, int slot, String address) {
        Batch(Kind kind, Link link, int slot) {
            this(kind, link, slot, link.address);
        }
    }

    /** One name the caller wants subscribed, and where it stands. Fields guarded by the lock, but {@link #confirmedOn}. */
    private static final class Wanted {
        final Key key;
        final String name;
        final int slot;
        final List<CompletableFuture<Void>> waiters = new ArrayList<>();
        /** Where Redis confirmed it and it still is; read on the message path. */
        volatile Link confirmedOn;
        /** Where it was confirmed last, kept across a disconnect: Lettuce resubscribes it there on reconnect. */
        Link lastConfirmedOn;
        boolean sent;
        long sentAtNanos;
        Link sentTo;
        String sentToAddress;
        /** Confirmed before and lost since: its next confirmation is a resubscription. */
        boolean lost;
        long unconfirmedSinceNanos;

        Wanted(Key key, String name, int slot, long now) {
            this.key = key;
            this.name = name;
            this.slot = slot;
            this.unconfirmedSinceNanos = now;
        }

        void markSent(long now, Link link, String address) {
            sent = true;
            sentAtNanos = now;
            sentTo = link;
            sentToAddress = address;
        }

        List<CompletableFuture<Void>> takeWaiters() {
            if (waiters.isEmpty()) {
                return List.of();
            }
            List<CompletableFuture<Void>> taken = new ArrayList<>(waiters);
            waiters.clear();
            return taken;
        }
    }

    /** One Lettuce pub/sub connection in use: the main one, or a cluster node's for shard channels. */
    private final class Link implements RedisConnectionStateListener {
        final StatefulRedisPubSubConnection<byte[], byte[]> connection;
        /** {@code host:port} of a cluster node; null for the main connection. */
        final String address;
        volatile boolean up;
        volatile SocketAddress remote;

        Link(StatefulRedisPubSubConnection<byte[], byte[]> connection, String address) {
            this.connection = connection;
            this.address = address;
            this.up = connection.isOpen();
        }

        @Override
        public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> handler, SocketAddress socketAddress) {
            linkUp(this, socketAddress);
        }

        @Override
        public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> handler) {
            linkDown(this);
        }

        @Override
        public String toString() {
            String where = address != null ? address : remote != null ? ClientEvents.address(remote) : null;
            return where != null ? "the pub/sub connection to " + where : "the " + client.mode().label() + " pub/sub connection";
        }
    }

    /** Lettuce's pub/sub callbacks, on the event loop of the connection they came over. */
    private final class Inbox implements RedisClusterPubSubListener<byte[], byte[]>, RedisPubSubListener<byte[], byte[]> {

        @Override
        public void message(RedisClusterNode node, byte[] channel, byte[] message) {
            channelMessage(channel, message);
        }

        @Override
        public void message(byte[] channel, byte[] message) {
            channelMessage(channel, message);
        }

        @Override
        public void message(RedisClusterNode node, byte[] pattern, byte[] channel, byte[] message) {
            patternMessage(pattern, channel, message);
        }

        @Override
        public void message(byte[] pattern, byte[] channel, byte[] message) {
            patternMessage(pattern, channel, message);
        }

        @Override
        public void smessage(RedisClusterNode node, byte[] shardChannel, byte[] message) {
            shardMessage(node, shardChannel, message);
        }

        @Override
        public void smessage(byte[] shardChannel, byte[] message) {
            shardMessage(null, shardChannel, message);
        }

        @Override
        public void subscribed(RedisClusterNode node, byte[] channel, long count) {
            confirmed(Kind.CHANNEL, channel, node);
        }

        @Override
        public void subscribed(byte[] channel, long count) {
            confirmed(Kind.CHANNEL, channel, null);
        }

        @Override
        public void psubscribed(RedisClusterNode node, byte[] pattern, long count) {
            confirmed(Kind.PATTERN, pattern, node);
        }

        @Override
        public void psubscribed(byte[] pattern, long count) {
            confirmed(Kind.PATTERN, pattern, null);
        }

        @Override
        public void ssubscribed(RedisClusterNode node, byte[] shardChannel, long count) {
            confirmed(Kind.SHARD_CHANNEL, shardChannel, node);
        }

        @Override
        public void ssubscribed(byte[] shardChannel, long count) {
            confirmed(Kind.SHARD_CHANNEL, shardChannel, null);
        }

        @Override
        public void unsubscribed(RedisClusterNode node, byte[] channel, long count) {
            endedByServer(Kind.CHANNEL, channel, node);
        }

        @Override
        public void unsubscribed(byte[] channel, long count) {
            endedByServer(Kind.CHANNEL, channel, null);
        }

        @Override
        public void punsubscribed(RedisClusterNode node, byte[] pattern, long count) {
            endedByServer(Kind.PATTERN, pattern, node);
        }

        @Override
        public void punsubscribed(byte[] pattern, long count) {
            endedByServer(Kind.PATTERN, pattern, null);
        }

        @Override
        public void sunsubscribed(RedisClusterNode node, byte[] shardChannel, long count) {
            endedByServer(Kind.SHARD_CHANNEL, shardChannel, node);
        }

        @Override
        public void sunsubscribed(byte[] shardChannel, long count) {
            endedByServer(Kind.SHARD_CHANNEL, shardChannel, null);
        }
    }
}
