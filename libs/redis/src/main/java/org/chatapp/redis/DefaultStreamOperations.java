package org.chatapp.redis;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stream commands on the service's connection; never blocking reads (the connection is shared). */
final class DefaultStreamOperations implements StreamOperations {

    private final CommandRunner runner;
    private final KeyCodec keys;

    DefaultStreamOperations(CommandRunner runner) {
        this.runner = runner;
        this.keys = runner.keys();
    }

    @Override
    public String add(String key, Map<String, String> fields) {
        byte[] raw = keys.encode(key);
        Map<byte[], byte[]> body = encode(fields);
        return runner.sync("XADD", key, c -> c.xadd(raw, body));
    }

    @Override
    public String add(String key, Map<String, String> fields, long maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, was " + maxLength);
        }
        byte[] raw = keys.encode(key);
        Map<byte[], byte[]> body = encode(fields);
        XAddArgs args = XAddArgs.Builder.maxlen(maxLength).approximateTrimming();
        return runner.sync("XADD", key, c -> c.xadd(raw, args, body));
    }

    @Override
    public String addTrimmingBefore(String key, Map<String, String> fields, String minId) {
        byte[] raw = keys.encode(key);
        Map<byte[], byte[]> body = encode(fields);
        XAddArgs args = XAddArgs.Builder.minId(requireId("minId", minId)).approximateTrimming();
        return runner.sync("XADD", key, c -> c.xadd(raw, args, body));
    }

    @Override
    public List<StreamEntry> range(String key, String start, String end, int count) {
        byte[] raw = keys.encode(key);
        Range<String> range = Range.create(requireId("start", start), requireId("end", end));
        Limit limit = limit(count);
        return decode(runner.sync("XRANGE", key, c -> c.xrange(raw, range, limit)));
    }

    @Override
    public List<StreamEntry> reverseRange(String key, String end, String start, int count) {
        byte[] raw = keys.encode(key);
        Range<String> range = Range.create(requireId("start", start), requireId("end", end));
        Limit limit = limit(count);
        return decode(runner.sync("XREVRANGE", key, c -> c.xrevrange(raw, range, limit)));
    }

    @Override
    public long size(String key) {
        byte[] raw = keys.encode(key);
        return runner.sync("XLEN", key, c -> c.xlen(raw));
    }

    @Override
    public void createGroup(String key, String group, String startId) {
        byte[] raw = keys.encode(key);
        byte[] groupName = Values.encode(requireName("group", group));
        XReadArgs.StreamOffset<byte[]> offset = XReadArgs.StreamOffset.from(raw, requireId("startId", startId));
        runner.sync("XGROUP CREATE", key, c -> c.xgroupCreate(offset, groupName, XGroupCreateArgs.Builder.mkstream()));
    }

    @Override
    public List<StreamEntry> readGroup(String key, String group, String consumer, int count) {
        byte[] raw = keys.encode(key);
        Consumer<byte[]> reader = Consumer.from(Values.encode(requireName("group", group)),
                Values.encode(requireName("consumer", consumer)));
        XReadArgs args = XReadArgs.Builder.count(limit(count).getCount());
        return decode(runner.sync("XREADGROUP", key,
                c -> c.xreadgroup(reader, args, XReadArgs.StreamOffset.lastConsumed(raw))));
    }

    @Override
    public long acknowledge(String key, String group, String... ids) {
        byte[] raw = keys.encode(key);
        byte[] groupName = Values.encode(requireName("group", group));
        String[] checked = requireIds(ids);
        return runner.sync("XACK", key, c -> c.xack(raw, groupName, checked));
    }

    @Override
    public long pendingCount(String key, String group) {
        byte[] raw = keys.encode(key);
        byte[] groupName = Values.encode(requireName("group", group));
        return runner.sync("XPENDING", key, c -> c.xpending(raw, groupName)).getCount();
    }

    @Override
    public List<StreamEntry> claim(String key, String group, String consumer, Duration minIdle, String... ids) {
        if (minIdle == null || minIdle.isNegative()) {
            throw new IllegalArgumentException("minIdle must be zero or positive, was " + minIdle);
        }
        byte[] raw = keys.encode(key);
        Consumer<byte[]> claimer = Consumer.from(Values.encode(requireName("group", group)),
                Values.encode(requireName("consumer", consumer)));
        String[] checked = requireIds(ids);
        return decode(runner.sync("XCLAIM", key, c -> c.xclaim(raw, claimer, minIdle.toMillis(), checked)));
    }

    @Override
    public ClaimedEntries autoClaim(String key, String group, String consumer, Duration minIdle, String startId, int count) {
        if (minIdle == null || minIdle.isNegative()) {
            throw new IllegalArgumentException("minIdle must be zero or positive, was " + minIdle);
        }
        byte[] raw = keys.encode(key);
        Consumer<byte[]> claimer = Consumer.from(Values.encode(requireName("group", group)),
                Values.encode(requireName("consumer", consumer)));
        XAutoClaimArgs<byte[]> args = XAutoClaimArgs.Builder.xautoclaim(claimer, minIdle, requireId("startId", startId))
                .count(limit(count).getCount());
        ClaimedMessages<byte[], byte[]> claimed = runner.sync("XAUTOCLAIM", key, c -> c.xautoclaim(raw, args));
        return new ClaimedEntries(claimed.getId(), decode(claimed.getMessages()));
    }

    @Override
    public long delete(String key, String... ids) {
        byte[] raw = keys.encode(key);
        String[] checked = requireIds(ids);
        return runner.sync("XDEL", key, c -> c.xdel(raw, checked));
    }

    @Override
    public long trim(String key, long maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must be 0 or more, was " + maxLength);
        }
        byte[] raw = keys.encode(key);
        return runner.sync("XTRIM", key, c -> c.xtrim(raw, true, maxLength));
    }

    @Override
    public long trimBefore(String key, String minId) {
        byte[] raw = keys.encode(key);
        XTrimArgs args = XTrimArgs.Builder.minId(requireId("minId", minId)).approximateTrimming();
        return runner.sync("XTRIM", key, c -> c.xtrim(raw, args));
    }

    private static Map<byte[], byte[]> encode(Map<String, String> fields) {
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("fields must not be empty");
        }
        Map<byte[], byte[]> body = new LinkedHashMap<>();
        fields.forEach((field, value) -> body.put(Values.encode(field), Values.encode(value)));
        return body;
    }

    /** Returns the entries with UTF-8 fields; an entry deleted since it was delivered has none. */
    static List<StreamEntry> decode(List<StreamMessage<byte[], byte[]>> messages) {
        return messages.stream().map(message -> {
            Map<String, String> fields = new LinkedHashMap<>();
            message.getBody().forEach((field, value) -> fields.put(Values.decode(field), Values.decode(value)));
            return new StreamEntry(message.getId(), fields);
        }).toList();
    }

    private static Limit limit(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        return Limit.from(count);
    }

    static String requireId(String name, String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(name + " must be a stream id, '-', '+' or '$', was '" + id + "'");
        }
        return id;
    }

    static String requireName(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }

    private static String[] requireIds(String... ids) {
        if (ids == null || ids.length == 0) {
            throw new IllegalArgumentException("at least one stream id must be given");
        }
        for (String id : ids) {
            requireId("id", id);
        }
        return ids;
    }
}
