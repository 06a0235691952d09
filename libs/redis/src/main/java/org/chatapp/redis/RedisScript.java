package org.chatapp.redis;

import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Lua script defined once and run many times through {@link ScriptOperations}: by its SHA-1
 * ({@code EVALSHA}), and by its source when the server does not know it yet ({@code NOSCRIPT}, as
 * on a promoted replica or a restarted server). The factory method says what the script returns.
 *
 * @param <T> the Java type of the script's reply
 */
public final class RedisScript<T> {

    private final String source;
    private final String sha1;
    private final ScriptOutputType outputType;
    private final Function<Object, T> reply;

    private RedisScript(String source, ScriptOutputType outputType, Function<Object, T> reply) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("script source must not be empty");
        }
        this.source = source;
        this.sha1 = sha1(source);
        this.outputType = outputType;
        this.reply = reply;
    }

    /** A script that returns an integer; a Lua {@code nil} or {@code false} becomes null. */
    public static RedisScript<Long> returningLong(String source) {
        return new RedisScript<>(source, ScriptOutputType.INTEGER, value -> (Long) value);
    }

    /** A script that returns a string (a bulk or status reply); {@code nil} becomes null. */
    public static RedisScript<String> returningString(String source) {
        return new RedisScript<>(source, ScriptOutputType.VALUE, value -> value == null ? null : text(value));
    }

    /** A script that returns a truth value: Lua {@code true} or 1 is true; {@code false} or {@code nil} is false. */
    public static RedisScript<Boolean> returningBoolean(String source) {
        return new RedisScript<>(source, ScriptOutputType.BOOLEAN, value -> Boolean.TRUE.equals(value));
    }

    /**
     * A script that returns an array; its elements are {@link Long}s, {@link String}s (UTF-8),
     * nested {@link List}s or null, as Redis converts Lua values.
     */
    public static RedisScript<List<Object>> returningList(String source) {
        return new RedisScript<>(source, ScriptOutputType.MULTI, value -> value == null ? List.of() : list((List<?>) value));
    }

    /** Returns the Lua source. */
    public String source() {
        return source;
    }

    /** Returns the SHA-1 of the source in hex, the name {@code EVALSHA} knows it by. */
    public String sha1() {
        return sha1;
    }

    ScriptOutputType outputType() {
        return outputType;
    }

    T reply(Object value) {
        return reply.apply(value);
    }

    private static List<Object> list(List<?> values) {
        List<Object> converted = new ArrayList<>(values.size());
        for (Object value : values) {
            converted.add(value instanceof List<?> nested ? list(nested) : value instanceof byte[] bytes ? text(bytes) : value);
        }
        return converted;
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RedisScript<?> script && script.sha1.equals(sha1) && script.outputType == outputType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sha1, outputType);
    }

    @Override
    public String toString() {
        return "RedisScript[sha1=" + sha1 + ", returns " + outputType.name().toLowerCase(java.util.Locale.ROOT) + "]";
    }
}
