package org.chatapp.redis;

import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.BooleanOutput;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.DoubleOutput;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.MapOutput;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.output.ScoredValueListOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.output.ValueListOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.output.ValueSetOutput;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/** The one {@link RedisBatch}: builds Lettuce commands with raw keys and hands them to a {@link BatchRun}. */
final class DefaultRedisBatch implements RedisBatch {

    private static final ByteArrayCodec CODEC = ByteArrayCodec.INSTANCE;
    private static final String OPERATION = "BATCH";

    private static final Supplier<CommandOutput<byte[], byte[], byte[]>> VALUE = () -> new ValueOutput<>(CODEC);
    private static final Supplier<CommandOutput<byte[], byte[], String>> STATUS = () -> new StatusOutput<>(CODEC);
    private static final Supplier<CommandOutput<byte[], byte[], Long>> INTEGER = () -> new IntegerOutput<>(CODEC);
    private static final Supplier<CommandOutput<byte[], byte[], Boolean>> BOOLEAN = () -> new BooleanOutput<>(CODEC);
    private static final Supplier<CommandOutput<byte[], byte[], Double>> DOUBLE = () -> new DoubleOutput<>(CODEC);
    private static final Supplier<CommandOutput<byte[], byte[], Map<byte[], byte[]>>> MAP = () -> new MapOutput<>(CODEC);
    private static final Supplier<CommandOutput<byte[], byte[], List<byte[]>>> LIST = () -> new ValueListOutput<>(CODEC);
    private static final Supplier<CommandOutput<byte[], byte[], Set<byte[]>>> SET = () -> new ValueSetOutput<>(CODEC);
    private static final Supplier<CommandOutput<byte[], byte[], List<ScoredValue<byte[]>>>> SCORED =
            () -> new ScoredValueListOutput<>(CODEC);

    private final KeyCodec keys;
    private final boolean cluster;
    private final DefaultScriptOperations scripts;
    private final Supplier<BatchRun> runs;
    private final CommandRunner runner;
    /** Sized for a typical batch (a page of members, a fan-out); it grows past that. */
    private final List<BatchCommand<?, ?>> commands = new ArrayList<>(128);
    private final Hashes hashes = new BatchHashes();
    private final Lists lists = new BatchLists();
    private final Sets sets = new BatchSets();
    private final SortedSets sortedSets = new BatchSortedSets();
    private final Streams streams = new BatchStreams();
    private boolean sent;

    DefaultRedisBatch(KeyCodec keys, boolean cluster, DefaultScriptOperations scripts, CommandRunner runner,
            Supplier<BatchRun> runs) {
        this.keys = keys;
        this.cluster = cluster;
        this.scripts = scripts;
        this.runner = runner;
        this.runs = runs;
    }

    // --- queuing ---

    private static BatchArgs args(byte[] rawKey) {
        return BatchArgs.ofKey(rawKey, 4);
    }

    private <T, R> BatchResult<R> queue(String operation, String key, byte[] rawKey, ProtocolKeyword type,
            Supplier<CommandOutput<byte[], byte[], T>> output, BatchArgs args, Function<T, R> decoder) {
        requireNotSent();
        BatchCommand<T, R> command = new BatchCommand<>(operation, key, cluster ? SlotHash.getSlot(rawKey) : -1, type, output,
                args, decoder, null);
        commands.add(command);
        return command;
    }

    /** Queues a command on one key whose only arguments are that key and {@code more}. */
    private <T, R> BatchResult<R> onKey(CommandType type, String key, Supplier<CommandOutput<byte[], byte[], T>> output,
            Function<T, R> decoder) {
        byte[] raw = keys.encode(key);
        return queue(type.name(), key, raw, type, output, args(raw), decoder);
    }

    /** Queues a command of a key and values (members, fields, list items) that returns a count. */
    private BatchResult<Long> countOfValues(CommandType type, String key, String... values) {
        byte[] raw = keys.encode(key);
        byte[][] encoded = DefaultHashOperations.encodeAll(values);
        return queue(type.name(), key, raw, type, INTEGER, BatchArgs.ofKey(raw, 1 + encoded.length).values(encoded), DefaultRedisBatch::same);
    }

    private void requireNotSent() {
        if (sent) {
            throw new IllegalStateException("the batch was already sent; start a new one with RedisService.batch()");
        }
    }

    private static <T> T same(T value) {
        return value;
    }

    private static Void none(Object reply) {
        return null;
    }

    private static Optional<String> text(byte[] value) {
        return Optional.ofNullable(Values.decode(value));
    }

    private static Map<String, String> texts(Map<byte[], byte[]> raw) {
        Map<String, String> decoded = new LinkedHashMap<>();
        raw.forEach((field, value) -> decoded.put(Values.decode(field), Values.decode(value)));
        return decoded;
    }

    private static List<String> texts(List<byte[]> raw) {
        List<String> decoded = new ArrayList<>(raw.size());
        raw.forEach(value -> decoded.add(Values.decode(value)));
        return decoded;
    }

    private static List<SortedSetOperations.ScoredMember> scored(List<ScoredValue<byte[]>> raw) {
        List<SortedSetOperations.ScoredMember> decoded = new ArrayList<>(raw.size());
        raw.forEach(value -> decoded.add(new SortedSetOperations.ScoredMember(Values.decode(value.getValue()), value.getScore())));
        return decoded;
    }

    @Override
    public BatchResult<Optional<String>> get(String key) {
        return onKey(CommandType.GET, key, VALUE, DefaultRedisBatch::text);
    }

    @Override
    public BatchResult<Optional<byte[]>> getBytes(String key) {
        return onKey(CommandType.GET, key, VALUE, Optional::ofNullable);
    }

    @Override
    public BatchResult<Void> set(String key, String value) {
        return set(key, Values.encode(value));
    }

    @Override
    public BatchResult<Void> set(String key, String value, Duration ttl) {
        return set(key, Values.encode(value), ttl);
    }

    @Override
    public BatchResult<Void> set(String key, byte[] value) {
        byte[] raw = keys.encode(key);
        byte[] bytes = Values.bytes(value);
        return queue("SET", key, raw, CommandType.SET, STATUS, args(raw).value(bytes), DefaultRedisBatch::none);
    }

    @Override
    public BatchResult<Void> set(String key, byte[] value, Duration ttl) {
        byte[] raw = keys.encode(key);
        byte[] bytes = Values.bytes(value);
        long millis = Values.ttl(ttl).toMillis();
        return queue("SET", key, raw, CommandType.SET, STATUS, args(raw).value(bytes).word("PX").number(millis),
                DefaultRedisBatch::none);
    }

    @Override
    public BatchResult<Boolean> set(String key, String value, SetOptions options) {
        byte[] raw = keys.encode(key);
        byte[] encoded = Values.encode(value);
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        BatchArgs args = args(raw).value(encoded);
        switch (options.condition()) {
            case IF_ABSENT -> args.word("NX");
            case IF_PRESENT -> args.word("XX");
            case ALWAYS -> { }
        }
        if (options.ttl() != null) {
            args.word("PX").number(options.ttl().toMillis());
        } else if (options.keepTtl()) {
            args.word("KEEPTTL");
        }
        return queue("SET", key, raw, CommandType.SET, STATUS, args, "OK"::equals);
    }

    @Override
    public BatchResult<Long> del(String key) {
        return onKey(CommandType.DEL, key, INTEGER, DefaultRedisBatch::same);
    }

    @Override
    public BatchResult<Long> unlink(String key) {
        return onKey(CommandType.UNLINK, key, INTEGER, DefaultRedisBatch::same);
    }

    @Override
    public BatchResult<Boolean> exists(String key) {
        return onKey(CommandType.EXISTS, key, INTEGER, count -> count > 0);
    }

    @Override
    public BatchResult<Boolean> expire(String key, Duration ttl) {
        byte[] raw = keys.encode(key);
        long millis = Values.ttl(ttl).toMillis();
        return queue("PEXPIRE", key, raw, CommandType.PEXPIRE, BOOLEAN, args(raw).number(millis), DefaultRedisBatch::same);
    }

    @Override
    public BatchResult<Optional<Duration>> ttl(String key) {
        return onKey(CommandType.PTTL, key, INTEGER, millis -> millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis)));
    }

    @Override
    public BatchResult<Long> incr(String key) {
        return onKey(CommandType.INCR, key, INTEGER, DefaultRedisBatch::same);
    }

    @Override
    public BatchResult<Long> incrBy(String key, long delta) {
        byte[] raw = keys.encode(key);
        return queue("INCRBY", key, raw, CommandType.INCRBY, INTEGER, args(raw).number(delta), DefaultRedisBatch::same);
    }

    @Override
    public BatchResult<Long> decr(String key) {
        return onKey(CommandType.DECR, key, INTEGER, DefaultRedisBatch::same);
    }

    @Override
    public BatchResult<Long> decrBy(String key, long delta) {
        byte[] raw = keys.encode(key);
        return queue("DECRBY", key, raw, CommandType.DECRBY, INTEGER, args(raw).number(delta), DefaultRedisBatch::same);
    }

    @Override
    public <T> BatchResult<T> script(RedisScript<T> script, List<String> keyList, List<String> argList) {
        requireNotSent();
        DefaultScriptOperations.Call<T> call = scripts.call(script, keyList, argList);
        Supplier<CommandOutput<byte[], byte[], Object>> output = scriptOutput(script.outputType());
        byte[] routing = call.keys().length == 0 ? null : call.keys()[0];
        // Without keys a script may run on any node; slot 0's master takes it.
        int slot = cluster && routing != null ? SlotHash.getSlot(routing) : cluster ? 0 : -1;
        BatchCommand<Object, T> command = new BatchCommand<>("EVALSHA", call.firstKey(), slot, CommandType.EVALSHA, output,
                scriptArgs(script.sha1(), call), script::reply,
                original -> original.copy(CommandType.EVAL, scriptArgs(script.source(), call)));
        commands.add(command);
        return command;
    }

    private static BatchArgs scriptArgs(String shaOrSource, DefaultScriptOperations.Call<?> call) {
        return new BatchArgs(2 + call.keys().length + call.args().length)
                .value(shaOrSource.getBytes(java.nio.charset.StandardCharsets.UTF_8)).number(call.keys().length)
                .keys(call.keys()).values(call.args());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Supplier<CommandOutput<byte[], byte[], Object>> scriptOutput(ScriptOutputType type) {
        return switch (type) {
            case INTEGER -> (Supplier) INTEGER;
            case BOOLEAN -> (Supplier) BOOLEAN;
            case STATUS -> (Supplier) STATUS;
            case MULTI -> (Supplier) (Supplier<NestedMultiOutput<byte[], byte[]>>) () -> new NestedMultiOutput<>(CODEC);
            default -> (Supplier) VALUE;
        };
    }

    // --- multi-key commands of one slot, for the service's own operations over several slots ---

    /** Queues a command over keys of one slot that returns a count (DEL, UNLINK, EXISTS). */
    BatchResult<Long> count(CommandType type, String description, byte[][] rawKeys) {
        return queue(type.name(), description, rawKeys[0], type, INTEGER, new BatchArgs(rawKeys.length).keys(rawKeys),
                DefaultRedisBatch::same);
    }

    /** Queues MGET of keys of one slot; a missing key's value is null, in the order asked. */
    BatchResult<List<byte[]>> mget(String description, byte[][] rawKeys) {
        return queue("MGET", description, rawKeys[0], CommandType.MGET, LIST, new BatchArgs(rawKeys.length).keys(rawKeys),
                DefaultRedisBatch::same);
    }

    /** Queues MSET of keys of one slot. */
    BatchResult<Void> mset(String description, byte[][] rawKeys, byte[][] rawValues) {
        BatchArgs args = new BatchArgs(2 * rawKeys.length);
        for (int i = 0; i < rawKeys.length; i++) {
            args.key(rawKeys[i]).value(rawValues[i]);
        }
        return queue("MSET", description, rawKeys[0], CommandType.MSET, STATUS, args, DefaultRedisBatch::none);
    }

    @Override
    public Hashes hashes() {
        return hashes;
    }

    @Override
    public Lists lists() {
        return lists;
    }

    @Override
    public Sets sets() {
        return sets;
    }

    @Override
    public SortedSets sortedSets() {
        return sortedSets;
    }

    @Override
    public Streams streams() {
        return streams;
    }

    // --- running ---

    @Override
    public int size() {
        return commands.size();
    }

    @Override
    public void execute() {
        EventLoopGuard.requireBlockingAllowed(OPERATION, null);
        BatchRun run = start();
        if (run == null) {
            return;
        }
        // Each wave of chunks has its own deadline, so the batch completes by itself; this bound only
        // guards against a wait that something unforeseen would make endless.
        long waves = 2 + (long) commands.size() / ((long) CHUNK * CHUNKS_IN_FLIGHT);
        long bound = runner.awaitNanos() > Long.MAX_VALUE / (waves + 1) ? Long.MAX_VALUE / 2 : runner.awaitNanos() * (waves + 1);
        if (!runner.awaitCompletion(OPERATION, run.completion(), bound)) {
            run.abandon(commands);
        }
    }

    @Override
    public CompletionStage<Void> executeAsync() {
        BatchRun run = start();
        return run == null ? CompletableFuture.completedFuture(null) : run.completion().minimalCompletionStage();
    }

    /** Sends the batch once; returns null for an empty one. */
    private BatchRun start() {
        requireNotSent();
        sent = true;
        if (commands.isEmpty()) {
            return null;
        }
        BatchRun run = runs.get();
        run.start(List.copyOf(commands));
        return run;
    }

    @Override
    public String toString() {
        return "RedisBatch[" + commands.size() + " commands" + (sent ? ", sent" : "") + "]";
    }

    // --- views ---

    private final class BatchHashes implements Hashes {

        @Override
        public BatchResult<Boolean> set(String key, String field, String value) {
            byte[] raw = keys.encode(key);
            return queue("HSET", key, raw, CommandType.HSET, BOOLEAN,
                    args(raw).value(Values.encode(field)).value(Values.encode(value)), DefaultRedisBatch::same);
        }

        @Override
        public BatchResult<Long> set(String key, Map<String, String> fields) {
            byte[] raw = keys.encode(key);
            if (fields == null || fields.isEmpty()) {
                throw new IllegalArgumentException("fields must not be empty");
            }
            BatchArgs args = BatchArgs.ofKey(raw, 1 + 2 * fields.size());
            fields.forEach((field, value) -> args.value(Values.encode(field)).value(Values.encode(value)));
            return queue("HSET", key, raw, CommandType.HSET, INTEGER, args, DefaultRedisBatch::same);
        }

        @Override
        public BatchResult<Optional<String>> get(String key, String field) {
            byte[] raw = keys.encode(key);
            return queue("HGET", key, raw, CommandType.HGET, VALUE, args(raw).value(Values.encode(field)), DefaultRedisBatch::text);
        }

        @Override
        public BatchResult<Map<String, String>> get(String key, String... fields) {
            byte[] raw = keys.encode(key);
            byte[][] encoded = DefaultHashOperations.encodeAll(fields);
            String[] names = fields.clone();
            return queue("HMGET", key, raw, CommandType.HMGET, LIST, args(raw).values(encoded), values -> {
                Map<String, String> found = new LinkedHashMap<>();
                for (int i = 0; i < names.length; i++) {
                    if (values.get(i) != null) {
                        found.put(names[i], Values.decode(values.get(i)));
                    }
                }
                return found;
            });
        }

        @Override
        public BatchResult<Map<String, String>> getAll(String key) {
            return onKey(CommandType.HGETALL, key, MAP, DefaultRedisBatch::texts);
        }

        @Override
        public BatchResult<Long> delete(String key, String... fields) {
            return countOfValues(CommandType.HDEL, key, fields);
        }

        @Override
        public BatchResult<Boolean> exists(String key, String field) {
            byte[] raw = keys.encode(key);
            return queue("HEXISTS", key, raw, CommandType.HEXISTS, BOOLEAN, args(raw).value(Values.encode(field)),
                    DefaultRedisBatch::same);
        }

        @Override
        public BatchResult<Long> increment(String key, String field, long delta) {
            byte[] raw = keys.encode(key);
            return queue("HINCRBY", key, raw, CommandType.HINCRBY, INTEGER, args(raw).value(Values.encode(field)).number(delta),
                    DefaultRedisBatch::same);
        }

        @Override
        public BatchResult<Long> size(String key) {
            return onKey(CommandType.HLEN, key, INTEGER, DefaultRedisBatch::same);
        }
    }

    private final class BatchLists implements Lists {

        @Override
        public BatchResult<Long> pushFirst(String key, String... values) {
            return countOfValues(CommandType.LPUSH, key, values);
        }

        @Override
        public BatchResult<Long> pushLast(String key, String... values) {
            return countOfValues(CommandType.RPUSH, key, values);
        }

        @Override
        public BatchResult<List<String>> range(String key, long start, long stop) {
            byte[] raw = keys.encode(key);
            return queue("LRANGE", key, raw, CommandType.LRANGE, LIST, args(raw).number(start).number(stop), DefaultRedisBatch::texts);
        }

        @Override
        public BatchResult<Void> trim(String key, long start, long stop) {
            byte[] raw = keys.encode(key);
            return queue("LTRIM", key, raw, CommandType.LTRIM, STATUS, args(raw).number(start).number(stop), DefaultRedisBatch::none);
        }

        @Override
        public BatchResult<Long> size(String key) {
            return onKey(CommandType.LLEN, key, INTEGER, DefaultRedisBatch::same);
        }
    }

    private final class BatchSets implements Sets {

        @Override
        public BatchResult<Long> add(String key, String... members) {
            return countOfValues(CommandType.SADD, key, members);
        }

        @Override
        public BatchResult<Long> remove(String key, String... members) {
            return countOfValues(CommandType.SREM, key, members);
        }

        @Override
        public BatchResult<Set<String>> members(String key) {
            return onKey(CommandType.SMEMBERS, key, SET, raw -> {
                Set<String> decoded = new LinkedHashSet<>();
                raw.forEach(member -> decoded.add(Values.decode(member)));
                return decoded;
            });
        }

        @Override
        public BatchResult<Boolean> contains(String key, String member) {
            byte[] raw = keys.encode(key);
            return queue("SISMEMBER", key, raw, CommandType.SISMEMBER, BOOLEAN, args(raw).value(Values.encode(member)),
                    DefaultRedisBatch::same);
        }

        @Override
        public BatchResult<Long> size(String key) {
            return onKey(CommandType.SCARD, key, INTEGER, DefaultRedisBatch::same);
        }
    }

    private final class BatchSortedSets implements SortedSets {

        @Override
        public BatchResult<Boolean> add(String key, double score, String member) {
            byte[] raw = keys.encode(key);
            return queue("ZADD", key, raw, CommandType.ZADD, INTEGER, args(raw).number(score).value(Values.encode(member)),
                    added -> added == 1);
        }

        @Override
        public BatchResult<Double> incrementScore(String key, String member, double delta) {
            byte[] raw = keys.encode(key);
            return queue("ZINCRBY", key, raw, CommandType.ZINCRBY, DOUBLE, args(raw).number(delta).value(Values.encode(member)),
                    DefaultRedisBatch::same);
        }

        @Override
        public BatchResult<Long> remove(String key, String... members) {
            return countOfValues(CommandType.ZREM, key, members);
        }

        @Override
        public BatchResult<Optional<Double>> score(String key, String member) {
            byte[] raw = keys.encode(key);
            return queue("ZSCORE", key, raw, CommandType.ZSCORE, DOUBLE, args(raw).value(Values.encode(member)), Optional::ofNullable);
        }

        @Override
        public BatchResult<List<SortedSetOperations.ScoredMember>> range(String key, long start, long stop) {
            byte[] raw = keys.encode(key);
            return queue("ZRANGE", key, raw, CommandType.ZRANGE, SCORED, args(raw).number(start).number(stop).word("WITHSCORES"),
                    DefaultRedisBatch::scored);
        }

        @Override
        public BatchResult<List<SortedSetOperations.ScoredMember>> reverseRange(String key, long start, long stop) {
            byte[] raw = keys.encode(key);
            return queue("ZREVRANGE", key, raw, CommandType.ZREVRANGE, SCORED,
                    args(raw).number(start).number(stop).word("WITHSCORES"), DefaultRedisBatch::scored);
        }

        @Override
        public BatchResult<Long> size(String key) {
            return onKey(CommandType.ZCARD, key, INTEGER, DefaultRedisBatch::same);
        }
    }

    private final class BatchStreams implements Streams {

        @Override
        public BatchResult<String> add(String key, Map<String, String> fields) {
            byte[] raw = keys.encode(key);
            return queue("XADD", key, raw, CommandType.XADD, STATUS, fields(args(raw).word("*"), fields), DefaultRedisBatch::same);
        }

        @Override
        public BatchResult<String> add(String key, Map<String, String> fields, long maxLength) {
            if (maxLength < 1) {
                throw new IllegalArgumentException("maxLength must be at least 1, was " + maxLength);
            }
            byte[] raw = keys.encode(key);
            BatchArgs args = args(raw).word("MAXLEN").word("~").number(maxLength).word("*");
            return queue("XADD", key, raw, CommandType.XADD, STATUS, fields(args, fields), DefaultRedisBatch::same);
        }

        private static BatchArgs fields(BatchArgs args, Map<String, String> fields) {
            if (fields == null || fields.isEmpty()) {
                throw new IllegalArgumentException("fields must not be empty");
            }
            fields.forEach((field, value) -> args.value(Values.encode(field)).value(Values.encode(value)));
            return args;
        }

        @Override
        public BatchResult<Long> size(String key) {
            return onKey(CommandType.XLEN, key, INTEGER, DefaultRedisBatch::same);
        }
    }
}
