package org.chatapp.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one {@link RedisService}: byte-array commands on a shared connection, keys prefixed by {@link KeyCodec}. */
final class DefaultRedisService implements RedisService {

    private static final Logger log = LoggerFactory.getLogger(DefaultRedisService.class);
    private static final int SCAN_BATCH = 500;

    private final LettuceClient client;
    private final KeyCodec keys;
    private final LazyConnection<byte[], byte[]> connection;
    private final LazyConnection<String, String> rawConnection;
    private final CommandRunner runner;
    private final HashOperations hashes;
    private final ListOperations lists;
    private final SetOperations sets;
    private final SortedSetOperations sortedSets;
    private final StreamOperations streams;
    private final DefaultScriptOperations scripts;
    private final DefaultRedisConnections connections;
    private final ClientEvents events;
    private final AtomicBoolean closed = new AtomicBoolean();

    DefaultRedisService(LettuceClient client, LongSupplier nanoClock) {
        RedisOptions options = client.options();
        this.client = client;
        this.keys = new KeyCodec(options.keyPrefix(), client.mode() == RedisMode.CLUSTER);
        this.connection = new LazyConnection<>(client, ByteArrayCodec.INSTANCE, nanoClock);
        this.rawConnection = new LazyConnection<>(client, StringCodec.UTF8, nanoClock);
        this.runner = new CommandRunner(connection, keys, options.commandTimeout(), options.requestQueueSize(),
                new ReplySpin(options.spinWait(), nanoClock), timeoutHandler(client, nanoClock));
        this.hashes = new DefaultHashOperations(runner);
        this.lists = new DefaultListOperations(runner);
        this.sets = new DefaultSetOperations(runner);
        this.sortedSets = new DefaultSortedSetOperations(runner);
        this.streams = new DefaultStreamOperations(runner);
        this.scripts = new DefaultScriptOperations(runner, client.mode() == RedisMode.CLUSTER);
        this.connections = new DefaultRedisConnections(client, keys);
        this.events = new ClientEvents(client);
    }

    private static Runnable timeoutHandler(LettuceClient client, LongSupplier nanoClock) {
        if (client.unwrap() instanceof RedisClusterClient cluster && client.options().clusterOptions().adaptiveRefresh()) {
            return new TopologyRefreshOnTimeout(cluster, client.options().clusterOptions().adaptiveRefreshTimeout(), nanoClock)::commandTimedOut;
        }
        return () -> { };
    }

    static RedisService create(LettuceClient client) {
        RedisOptions options = client.options();
        DefaultRedisService service = new DefaultRedisService(client, System::nanoTime);
        try {
            service.connection.connection(options.connectTimeout().plusSeconds(1));
            log.info("Redis service connected: {}, key prefix '{}'", client, options.keyPrefix());
        } catch (RedisServiceException e) {
            // Logged once by the connection, which keeps trying in the background.
        }
        return service;
    }

    // --- strings ---

    @Override
    public void set(String key, String value) {
        byte[] raw = keys.encode(key);
        byte[] encoded = Values.encode(value);
        runner.sync("SET", key, c -> c.set(raw, encoded));
    }

    @Override
    public void set(String key, String value, Duration ttl) {
        set(key, Values.encode(value), ttl);
    }

    @Override
    public void set(String key, byte[] value) {
        byte[] raw = keys.encode(key);
        byte[] bytes = Values.bytes(value);
        runner.sync("SET", key, c -> c.set(raw, bytes));
    }

    @Override
    public void set(String key, byte[] value, Duration ttl) {
        byte[] raw = keys.encode(key);
        byte[] bytes = Values.bytes(value);
        SetArgs args = SetArgs.Builder.px(Values.ttl(ttl));
        runner.sync("SET", key, c -> c.set(raw, bytes, args));
    }

    @Override
    public boolean set(String key, String value, SetOptions options) {
        byte[] raw = keys.encode(key);
        byte[] encoded = Values.encode(value);
        SetArgs args = setArgs(options);
        return "OK".equals(runner.sync("SET", key, c -> c.set(raw, encoded, args)));
    }

    @Override
    public Optional<String> setAndGet(String key, String value, SetOptions options) {
        byte[] raw = keys.encode(key);
        byte[] encoded = Values.encode(value);
        SetArgs args = setArgs(options);
        return Optional.ofNullable(Values.decode(runner.sync("SET", key, c -> c.setGet(raw, encoded, args))));
    }

    @Override
    public boolean setIfAbsent(String key, String value, Duration ttl) {
        return set(key, value, SetOptions.ifAbsent().withTtl(ttl));
    }

    private static SetArgs setArgs(SetOptions options) {
        SetArgs args = new SetArgs();
        switch (options.condition()) {
            case IF_ABSENT -> args.nx();
            case IF_PRESENT -> args.xx();
            case ALWAYS -> { }
        }
        if (options.ttl() != null) {
            args.px(options.ttl());
        } else if (options.keepTtl()) {
            args.keepttl();
        }
        return args;
    }

    @Override
    public Optional<String> get(String key) {
        byte[] raw = keys.encode(key);
        return Optional.ofNullable(Values.decode(runner.sync("GET", key, c -> c.get(raw))));
    }

    @Override
    public Optional<byte[]> getBytes(String key) {
        byte[] raw = keys.encode(key);
        return Optional.ofNullable(runner.sync("GET", key, c -> c.get(raw)));
    }

    // --- keys ---

    @Override
    public long del(String... keyNames) {
        byte[][] raw = keys.encode(keyNames);
        if (spansSlots(keyNames)) {
            return runner.join("DEL", describe(keyNames), perSlotCount(CommandType.DEL, true, keyNames, raw));
        }
        return runner.sync("DEL", describe(keyNames), c -> c.del(raw));
    }

    @Override
    public long del(Collection<String> keyNames) {
        return del(keyNames == null ? null : keyNames.toArray(String[]::new));
    }

    @Override
    public long unlink(String... keyNames) {
        byte[][] raw = keys.encode(keyNames);
        if (spansSlots(keyNames)) {
            return runner.join("UNLINK", describe(keyNames), perSlotCount(CommandType.UNLINK, true, keyNames, raw));
        }
        return runner.sync("UNLINK", describe(keyNames), c -> c.unlink(raw));
    }

    /** Returns whether a multi-key command may touch several cluster slots, so it runs per slot (see {@link PerSlotBatch}). */
    private boolean spansSlots(String[] keyNames) {
        return keyNames.length > 1 && client.mode() == RedisMode.CLUSTER;
    }

    /** Runs a counting multi-key command per cluster slot, as one batch (see {@link PerSlotBatch}), and adds up the counts. */
    private CompletableFuture<Long> perSlotCount(CommandType type, boolean write, String[] keyNames, byte[][] raw) {
        return PerSlotBatch.run(newBatch(), type.name(), write, keyNames, raw,
                        (batch, part) -> batch.count(type, describe(select(keyNames, part)), select(raw, part)))
                .thenApply(counts -> counts.stream().mapToLong(Long::longValue).sum());
    }

    private static byte[][] select(byte[][] raw, List<Integer> indexes) {
        return indexes.stream().map(i -> raw[i]).toArray(byte[][]::new);
    }

    private static String[] select(String[] names, List<Integer> indexes) {
        return indexes.stream().map(i -> names[i]).toArray(String[]::new);
    }

    @Override
    public long exists(String... keyNames) {
        byte[][] raw = keys.encode(keyNames);
        if (spansSlots(keyNames)) {
            return runner.join("EXISTS", describe(keyNames), perSlotCount(CommandType.EXISTS, false, keyNames, raw));
        }
        return runner.sync("EXISTS", describe(keyNames), c -> c.exists(raw));
    }

    @Override
    public Map<String, String> mget(String... keyNames) {
        byte[][] raw = keys.encode(keyNames);
        if (spansSlots(keyNames)) {
            return runner.join("MGET", describe(keyNames), perSlotMget(keyNames, raw));
        }
        return toMap(keyNames, runner.sync("MGET", describe(keyNames), c -> c.mget(raw)));
    }

    /** Runs MGET per cluster slot, as one batch, and puts the values back in the order asked. */
    private CompletableFuture<Map<String, String>> perSlotMget(String[] keyNames, byte[][] raw) {
        List<List<Integer>> partsInOrder = new ArrayList<>();
        return PerSlotBatch.run(newBatch(), "MGET", false, keyNames, raw, (batch, part) -> {
            partsInOrder.add(part);
            return batch.mget(describe(select(keyNames, part)), select(raw, part));
        }).thenApply(values -> {
            byte[][] byIndex = new byte[keyNames.length][];
            for (int p = 0; p < partsInOrder.size(); p++) {
                List<Integer> part = partsInOrder.get(p);
                for (int i = 0; i < part.size(); i++) {
                    byIndex[part.get(i)] = values.get(p).get(i);
                }
            }
            Map<String, String> found = new LinkedHashMap<>();
            for (int i = 0; i < keyNames.length; i++) {
                if (byIndex[i] != null) {
                    found.put(keyNames[i], Values.decode(byIndex[i]));
                }
            }
            return found;
        });
    }

    @Override
    public Map<String, String> mget(Collection<String> keyNames) {
        return mget(keyNames == null ? null : keyNames.toArray(String[]::new));
    }

    @Override
    public void mset(Map<String, String> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("values must not be empty");
        }
        String[] keyNames = values.keySet().toArray(String[]::new);
        byte[][] rawKeys = keys.encode(keyNames);
        byte[][] rawValues = values.values().stream().map(Values::encode).toArray(byte[][]::new);
        if (spansSlots(keyNames)) {
            runner.join("MSET", describe(keyNames), PerSlotBatch.run(newBatch(), "MSET", true, keyNames, rawKeys,
                    (batch, part) -> batch.mset(describe(select(keyNames, part)), select(rawKeys, part), select(rawValues, part))));
            return;
        }
        runner.sync("MSET", describe(keyNames), c -> c.mset(pairs(rawKeys, rawValues, IntStream.range(0, rawKeys.length).boxed().toList())));
    }

    private static Map<byte[], byte[]> pairs(byte[][] rawKeys, byte[][] rawValues, List<Integer> indexes) {
        Map<byte[], byte[]> pairs = new LinkedHashMap<>();
        indexes.forEach(i -> pairs.put(rawKeys[i], rawValues[i]));
        return pairs;
    }

    @Override
    public boolean expire(String key, Duration ttl) {
        byte[] raw = keys.encode(key);
        Duration checked = Values.ttl(ttl);
        return runner.sync("PEXPIRE", key, c -> c.pexpire(raw, checked));
    }

    @Override
    public boolean persist(String key) {
        byte[] raw = keys.encode(key);
        return runner.sync("PERSIST", key, c -> c.persist(raw));
    }

    @Override
    public Optional<Duration> ttl(String key) {
        byte[] raw = keys.encode(key);
        long millis = runner.sync("PTTL", key, c -> c.pttl(raw));
        return millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    @Override
    public long incr(String key) {
        byte[] raw = keys.encode(key);
        return runner.sync("INCR", key, c -> c.incr(raw));
    }

    @Override
    public long incrBy(String key, long delta) {
        byte[] raw = keys.encode(key);
        return runner.sync("INCRBY", key, c -> c.incrby(raw, delta));
    }

    @Override
    public long decr(String key) {
        byte[] raw = keys.encode(key);
        return runner.sync("DECR", key, c -> c.decr(raw));
    }

    @Override
    public long decrBy(String key, long delta) {
        byte[] raw = keys.encode(key);
        return runner.sync("DECRBY", key, c -> c.decrby(raw, delta));
    }

    @Override
    public Stream<String> scan(String pattern) {
        ScanArgs args = ScanArgs.Builder.matches(keys.pattern(pattern)).limit(SCAN_BATCH);
        if (client.unwrap() instanceof RedisClusterClient cluster) {
            return scanStream(ScanSource.cluster(runner, cluster, args, client.options().commandTimeout()), () -> { });
        }
        if (client.mode() == RedisMode.SENTINEL && client.options().readFrom() != ReadFrom.MASTER) {
            // The shared connection sends each read where readFrom says, possibly to another replica
            // each time, and a cursor is only valid on the node that issued it: pin a connection of
            // the scan's own to the master.
            var own = (StatefulRedisMasterReplicaConnection<byte[], byte[]>) client.connect(ByteArrayCodec.INSTANCE);
            own.setReadFrom(io.lettuce.core.ReadFrom.UPSTREAM);
            ScanSource source = ScanSource.singleNode(previous -> runner.await("SCAN", null,
                    previous == null ? own.async().scan(args) : own.async().scan(previous, args)));
            return scanStream(source, own::close);
        }
        return scanStream(ScanSource.singleNode(previous -> runner.sync("SCAN", null,
                c -> previous == null ? c.scan(args) : c.scan(previous, args))), () -> { });
    }

    private Stream<String> scanStream(ScanSource source, Runnable onClose) {
        return StreamSupport.stream(new ScanSpliterator(source), false).onClose(onClose);
    }

    /** Pulls one SCAN batch at a time from its source. */
    private final class ScanSpliterator extends Spliterators.AbstractSpliterator<String> {
        private final ScanSource source;
        private final ArrayDeque<byte[]> batch = new ArrayDeque<>();
        private boolean finished;

        ScanSpliterator(ScanSource source) {
            super(Long.MAX_VALUE, Spliterator.NONNULL);
            this.source = source;
        }

        @Override
        public boolean tryAdvance(Consumer<? super String> action) {
            while (batch.isEmpty()) {
                List<byte[]> next = finished ? null : source.next();
                if (next == null) {
                    finished = true;
                    return false;
                }
                batch.addAll(next);
            }
            action.accept(keys.decode(batch.poll()));
            return true;
        }
    }

    // --- async ---

    @Override
    public CompletionStage<Optional<String>> getAsync(String key) {
        byte[] raw = keys.encode(key);
        return runner.async("GET", key, c -> c.get(raw), value -> Optional.ofNullable(Values.decode(value)));
    }

    @Override
    public CompletionStage<Void> setAsync(String key, String value) {
        byte[] raw = keys.encode(key);
        byte[] encoded = Values.encode(value);
        return runner.async("SET", key, c -> c.set(raw, encoded), reply -> null);
    }

    @Override
    public CompletionStage<Void> setAsync(String key, String value, Duration ttl) {
        byte[] raw = keys.encode(key);
        byte[] encoded = Values.encode(value);
        SetArgs args = SetArgs.Builder.px(Values.ttl(ttl));
        return runner.async("SET", key, c -> c.set(raw, encoded, args), reply -> null);
    }

    @Override
    public CompletionStage<Long> delAsync(String... keyNames) {
        byte[][] raw = keys.encode(keyNames);
        if (spansSlots(keyNames)) {
            return perSlotCount(CommandType.DEL, true, keyNames, raw);
        }
        return runner.async("DEL", describe(keyNames), c -> c.del(raw), count -> count);
    }

    @Override
    public CompletionStage<Map<String, String>> mgetAsync(String... keyNames) {
        byte[][] raw = keys.encode(keyNames);
        if (spansSlots(keyNames)) {
            return perSlotMget(keyNames, raw);
        }
        return runner.async("MGET", describe(keyNames), c -> c.mget(raw), values -> toMap(keyNames, values));
    }

    private static Map<String, String> toMap(String[] keyNames, List<KeyValue<byte[], byte[]>> values) {
        Map<String, String> found = new LinkedHashMap<>();
        for (int i = 0; i < keyNames.length; i++) {
            KeyValue<byte[], byte[]> value = values.get(i);
            if (value.hasValue()) {
                found.put(keyNames[i], Values.decode(value.getValue()));
            }
        }
        return found;
    }

    /** Names keys in errors: the key itself when there is one, else the first and a count. */
    static String describe(String[] keyNames) {
        if (keyNames.length == 1) {
            return keyNames[0];
        }
        return keyNames[0] + " (+" + (keyNames.length - 1) + " more)";
    }

    // --- batches ---

    @Override
    public RedisBatch batch() {
        return newBatch();
    }

    private DefaultRedisBatch newBatch() {
        return new DefaultRedisBatch(keys, client.mode() == RedisMode.CLUSTER, scripts, runner, this::newBatchRun);
    }

    private BatchRun newBatchRun() {
        return new BatchRun(connection, runner, client.unwrap().getResources().timer(), client.options().commandTimeout());
    }

    // --- views and plumbing ---

    @Override
    public HashOperations hashes() {
        return hashes;
    }

    @Override
    public ListOperations lists() {
        return lists;
    }

    @Override
    public SetOperations sets() {
        return sets;
    }

    @Override
    public SortedSetOperations sortedSets() {
        return sortedSets;
    }

    @Override
    public StreamOperations streams() {
        return streams;
    }

    @Override
    public ScriptOperations scripts() {
        return scripts;
    }

    @Override
    public RedisKeys keys() {
        return keys;
    }

    @Override
    public RedisConnections connections() {
        return connections;
    }

    @Override
    public java.time.Clock clock() {
        return client.options().clock();
    }

    @Override
    public void addListener(RedisClientListener listener) {
        events.add(listener);
    }

    @Override
    public void removeListener(RedisClientListener listener) {
        events.remove(listener);
    }

    @Override
    public Duration ping() {
        long start = System.nanoTime();
        runner.sync("PING", null, c -> c.ping());
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    @SuppressWarnings("unchecked")
    public RedisClusterCommands<String, String> getClient() {
        StatefulConnection<String, String> raw = rawConnection.connection(client.options().connectTimeout().plusSeconds(1));
        if (raw instanceof StatefulRedisClusterConnection<String, String> cluster) {
            return cluster.sync();
        }
        return ((StatefulRedisConnection<String, String>) raw).sync();
    }

    @Override
    public RedisMode mode() {
        return client.mode();
    }

    @Override
    public String keyPrefix() {
        return keys.prefix();
    }

    /** Returns whether the service's connection is open and not waiting for a reconnect. */
    boolean isConnected() {
        return connection.isConnected();
    }

    @Override
    public LettuceClient lettuceClient() {
        return client;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            events.close();
            connections.close();
            connection.close();
            rawConnection.close();
        } finally {
            client.close();
            log.info("Redis service closed ({})", client.mode().label());
        }
    }

    @Override
    public String toString() {
        return "RedisService[" + client + ", keyPrefix='" + keys.prefix() + "']";
    }
}
