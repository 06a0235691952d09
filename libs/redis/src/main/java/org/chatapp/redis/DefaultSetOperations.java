package org.chatapp.redis;

import java.util.LinkedHashSet;
import java.util.Set;

/** Set commands on the service's connection. */
final class DefaultSetOperations implements SetOperations {

    private final CommandRunner runner;
    private final KeyCodec keys;

    DefaultSetOperations(CommandRunner runner) {
        this.runner = runner;
        this.keys = runner.keys();
    }

    @Override
    public long add(String key, String... members) {
        byte[] raw = keys.encode(key);
        byte[][] encoded = DefaultHashOperations.encodeAll(members);
        return runner.sync("SADD", key, c -> c.sadd(raw, encoded));
    }

    @Override
    public long remove(String key, String... members) {
        byte[] raw = keys.encode(key);
        byte[][] encoded = DefaultHashOperations.encodeAll(members);
        return runner.sync("SREM", key, c -> c.srem(raw, encoded));
    }

    @Override
    public Set<String> members(String key) {
        byte[] raw = keys.encode(key);
        Set<String> members = new LinkedHashSet<>();
        for (byte[] member : runner.sync("SMEMBERS", key, c -> c.smembers(raw))) {
            members.add(Values.decode(member));
        }
        return members;
    }

    @Override
    public boolean contains(String key, String member) {
        byte[] raw = keys.encode(key);
        byte[] encoded = Values.encode(member);
        return runner.sync("SISMEMBER", key, c -> c.sismember(raw, encoded));
    }

    @Override
    public long size(String key) {
        byte[] raw = keys.encode(key);
        return runner.sync("SCARD", key, c -> c.scard(raw));
    }
}
