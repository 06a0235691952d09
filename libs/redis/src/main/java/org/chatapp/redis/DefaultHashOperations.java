package org.chatapp.redis;

import io.lettuce.core.KeyValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hash commands on the service's connection; field names are not prefixed. */
final class DefaultHashOperations implements HashOperations {

    private final CommandRunner runner;
    private final KeyCodec keys;

    DefaultHashOperations(CommandRunner runner) {
        this.runner = runner;
        this.keys = runner.keys();
    }

    @Override
    public boolean set(String key, String field, String value) {
        byte[] raw = keys.encode(key);
        byte[] name = Values.encode(field);
        byte[] encoded = Values.encode(value);
        return runner.sync("HSET", key, c -> c.hset(raw, name, encoded));
    }

    @Override
    public long set(String key, Map<String, String> fields) {
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("fields must not be empty");
        }
        byte[] raw = keys.encode(key);
        Map<byte[], byte[]> encoded = new LinkedHashMap<>();
        fields.forEach((field, value) -> encoded.put(Values.encode(field), Values.encode(value)));
        return runner.sync("HSET", key, c -> c.hset(raw, encoded));
    }

    @Override
    public Optional<String> get(String key, String field) {
        byte[] raw = keys.encode(key);
        byte[] name = Values.encode(field);
        return Optional.ofNullable(Values.decode(runner.sync("HGET", key, c -> c.hget(raw, name))));
    }

    @Override
    public Map<String, String> get(String key, String... fields) {
        if (fields == null || fields.length == 0) {
            throw new IllegalArgumentException("fields must not be empty");
        }
        byte[] raw = keys.encode(key);
        byte[][] names = new byte[fields.length][];
        for (int i = 0; i < fields.length; i++) {
            names[i] = Values.encode(fields[i]);
        }
        List<KeyValue<byte[], byte[]>> values = runner.sync("HMGET", key, c -> c.hmget(raw, names));
        Map<String, String> found = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i++) {
            if (values.get(i).hasValue()) {
                found.put(fields[i], Values.decode(values.get(i).getValue()));
            }
        }
        return found;
    }

    @Override
    public Map<String, String> getAll(String key) {
        byte[] raw = keys.encode(key);
        Map<byte[], byte[]> values = runner.sync("HGETALL", key, c -> c.hgetall(raw));
        Map<String, String> decoded = new LinkedHashMap<>();
        values.forEach((field, value) -> decoded.put(Values.decode(field), Values.decode(value)));
        return decoded;
    }

    @Override
    public long delete(String key, String... fields) {
        byte[] raw = keys.encode(key);
        byte[][] names = encodeAll(fields);
        return runner.sync("HDEL", key, c -> c.hdel(raw, names));
    }

    @Override
    public boolean exists(String key, String field) {
        byte[] raw = keys.encode(key);
        byte[] name = Values.encode(field);
        return runner.sync("HEXISTS", key, c -> c.hexists(raw, name));
    }

    @Override
    public long increment(String key, String field, long delta) {
        byte[] raw = keys.encode(key);
        byte[] name = Values.encode(field);
        return runner.sync("HINCRBY", key, c -> c.hincrby(raw, name, delta));
    }

    @Override
    public long size(String key) {
        byte[] raw = keys.encode(key);
        return runner.sync("HLEN", key, c -> c.hlen(raw));
    }

    /** Encodes members or fields, rejecting an empty list the way Redis would, but with a clear message. */
    static byte[][] encodeAll(String... values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("at least one value must be given");
        }
        byte[][] encoded = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            encoded[i] = Values.encode(values[i]);
        }
        return encoded;
    }
}
