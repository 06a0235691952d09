package org.chatapp.redis;

import java.util.List;
import java.util.Optional;

/** List commands on the service's connection. */
final class DefaultListOperations implements ListOperations {

    private final CommandRunner runner;
    private final KeyCodec keys;

    DefaultListOperations(CommandRunner runner) {
        this.runner = runner;
        this.keys = runner.keys();
    }

    @Override
    public long pushFirst(String key, String... values) {
        byte[] raw = keys.encode(key);
        byte[][] encoded = DefaultHashOperations.encodeAll(values);
        return runner.sync("LPUSH", key, c -> c.lpush(raw, encoded));
    }

    @Override
    public long pushLast(String key, String... values) {
        byte[] raw = keys.encode(key);
        byte[][] encoded = DefaultHashOperations.encodeAll(values);
        return runner.sync("RPUSH", key, c -> c.rpush(raw, encoded));
    }

    @Override
    public Optional<String> popFirst(String key) {
        byte[] raw = keys.encode(key);
        return Optional.ofNullable(Values.decode(runner.sync("LPOP", key, c -> c.lpop(raw))));
    }

    @Override
    public Optional<String> popLast(String key) {
        byte[] raw = keys.encode(key);
        return Optional.ofNullable(Values.decode(runner.sync("RPOP", key, c -> c.rpop(raw))));
    }

    @Override
    public List<String> range(String key, long start, long stop) {
        byte[] raw = keys.encode(key);
        return runner.sync("LRANGE", key, c -> c.lrange(raw, start, stop)).stream().map(Values::decode).toList();
    }

    @Override
    public void trim(String key, long start, long stop) {
        byte[] raw = keys.encode(key);
        runner.sync("LTRIM", key, c -> c.ltrim(raw, start, stop));
    }

    @Override
    public long size(String key) {
        byte[] raw = keys.encode(key);
        return runner.sync("LLEN", key, c -> c.llen(raw));
    }
}
