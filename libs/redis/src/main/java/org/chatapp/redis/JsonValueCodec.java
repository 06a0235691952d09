package org.chatapp.redis;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** JSON through Jackson 3, loaded only when a JSON codec is asked for. */
final class JsonValueCodec<T> implements ValueCodec<T> {

    private static final String JACKSON = "tools.jackson.databind.json.JsonMapper";

    private final Class<T> type;
    private final JsonMapper mapper;

    private JsonValueCodec(Class<T> type, JsonMapper mapper) {
        this.type = type;
        this.mapper = mapper;
    }

    static <T> ValueCodec<T> of(Class<T> type) {
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        try {
            Class.forName(JACKSON, false, JsonValueCodec.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("JSON values need Jackson 3 on the class path: add tools.jackson.core:jackson-databind", e);
        }
        return new JsonValueCodec<>(type, Mapper.INSTANCE);
    }

    @Override
    public byte[] encode(T value) {
        if (value == null) {
            throw new IllegalArgumentException("value must not be null");
        }
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("value cannot be written as JSON " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public T decode(byte[] bytes) {
        try {
            return mapper.readValue(bytes, type);
        } catch (JacksonException e) {
            throw new ValueCodecException(type.getName(), "not a JSON " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JsonValueCodec[" + type.getName() + "]";
    }

    /** One mapper per JVM: it is thread-safe and costly to build. */
    private static final class Mapper {
        static final JsonMapper INSTANCE = JsonMapper.builder().build();
    }
}
