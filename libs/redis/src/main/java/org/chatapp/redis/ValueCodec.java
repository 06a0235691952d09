package org.chatapp.redis;

import java.nio.charset.StandardCharsets;

/**
 * Turns typed values into the bytes stored in Redis and back: strings (UTF-8), bytes as they are,
 * and JSON through Jackson 3 (an optional dependency: {@code tools.jackson.core:jackson-databind}).
 * Used by the events, sessions and caches built on the service.
 *
 * @param <T> the type of the values
 */
public interface ValueCodec<T> {

    /**
     * Returns the bytes for a value.
     *
     * @throws IllegalArgumentException when the value is null or cannot be written
     */
    byte[] encode(T value);

    /**
     * Returns the value for bytes read from Redis.
     *
     * @throws ValueCodecException when the bytes are not a value of this codec's type
     */
    T decode(byte[] bytes);

    /** Returns the codec of UTF-8 strings. */
    static ValueCodec<String> string() {
        return StringValueCodec.INSTANCE;
    }

    /** Returns the codec that stores bytes as they are. */
    static ValueCodec<byte[]> bytes() {
        return BytesValueCodec.INSTANCE;
    }

    /**
     * Returns a JSON codec for a type, on a Jackson {@code JsonMapper} with its defaults (records
     * and Java time types included).
     *
     * @throws IllegalStateException when Jackson 3 ({@code tools.jackson.core:jackson-databind}) is not on the class path
     */
    static <T> ValueCodec<T> json(Class<T> type) {
        return JsonValueCodec.of(type);
    }

    /** UTF-8 strings. */
    enum StringValueCodec implements ValueCodec<String> {
        INSTANCE;

        @Override
        public byte[] encode(String value) {
            if (value == null) {
                throw new IllegalArgumentException("value must not be null");
            }
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Bytes as they are. */
    enum BytesValueCodec implements ValueCodec<byte[]> {
        INSTANCE;

        @Override
        public byte[] encode(byte[] value) {
            if (value == null) {
                throw new IllegalArgumentException("value must not be null");
            }
            return value;
        }

        @Override
        public byte[] decode(byte[] bytes) {
            return bytes;
        }
    }
}
