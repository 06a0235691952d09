package org.chatapp.redis;

import io.lettuce.core.cluster.SlotHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns the caller's keys into the raw keys stored in Redis by putting the prefix in front, and
 * back. The prefix never contains braces (checked by the options), so a hash tag in the caller's
 * key still decides the slot: {@code chat:{room1}:a} and {@code chat:{room1}:b} share one.
 */
final class KeyCodec implements RedisKeys {

    private static final String GLOB_SPECIAL = "*?[]\\";

    private final String prefix;
    private final byte[] prefixBytes;
    /** Whether keys of different slots must go to separate commands. */
    private final boolean cluster;

    /** A key rule for a cluster, where keys of one command must share a slot. */
    KeyCodec(String prefix) {
        this(prefix, true);
    }

    KeyCodec(String prefix, boolean cluster) {
        this.prefix = prefix;
        this.prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
        this.cluster = cluster;
    }

    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public String raw(String key) {
        requireKey(key);
        return prefix.isEmpty() ? key : prefix + key;
    }

    @Override
    public String key(String rawKey) {
        if (rawKey == null || !rawKey.startsWith(prefix)) {
            throw new IllegalArgumentException("raw key must start with the prefix '" + prefix + "', was "
                    + (rawKey == null ? "null" : "'" + rawKey + "'"));
        }
        return rawKey.substring(prefix.length());
    }

    @Override
    public int slot(String key) {
        return SlotHash.getSlot(encode(key));
    }

    @Override
    public <T> List<List<T>> groupBySlot(Collection<T> items, Function<T, String> keyOf, int maxPerGroup) {
        if (items == null || keyOf == null) {
            throw new IllegalArgumentException((items == null ? "items" : "keyOf") + " must not be null");
        }
        if (maxPerGroup < 1) {
            throw new IllegalArgumentException("maxPerGroup must be at least 1, was " + maxPerGroup);
        }
        Map<Integer, List<T>> bySlot = new TreeMap<>();
        for (T item : items) {
            int slot = slot(keyOf.apply(item));
            bySlot.computeIfAbsent(cluster ? slot : 0, any -> new ArrayList<>()).add(item);
        }
        List<List<T>> groups = new ArrayList<>();
        for (List<T> sameSlot : bySlot.values()) {
            for (int from = 0; from < sameSlot.size(); from += maxPerGroup) {
                groups.add(List.copyOf(sameSlot.subList(from, Math.min(sameSlot.size(), from + maxPerGroup))));
            }
        }
        return groups;
    }

    byte[] encode(String key) {
        requireKey(key);
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        if (prefixBytes.length == 0) {
            return keyBytes;
        }
        byte[] raw = Arrays.copyOf(prefixBytes, prefixBytes.length + keyBytes.length);
        System.arraycopy(keyBytes, 0, raw, prefixBytes.length, keyBytes.length);
        return raw;
    }

    byte[][] encode(String[] keys) {
        if (keys == null || keys.length == 0) {
            throw new IllegalArgumentException("keys must not be empty");
        }
        byte[][] raw = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            raw[i] = encode(keys[i]);
        }
        return raw;
    }

    /** Returns the caller's key for a raw key that carries the prefix. */
    String decode(byte[] raw) {
        return new String(raw, prefixBytes.length, raw.length - prefixBytes.length, StandardCharsets.UTF_8);
    }

    /** Returns a SCAN pattern matching the caller's pattern under the prefix only. */
    String pattern(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("pattern must not be empty; use * for every key");
        }
        StringBuilder escaped = new StringBuilder(prefix.length() + pattern.length() + 4);
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (GLOB_SPECIAL.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.append(pattern).toString();
    }

    static void requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty, was " + (key == null ? "null" : "''"));
        }
    }
}
