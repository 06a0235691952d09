package org.chatapp.redis.cache;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.chatapp.redis.InvalidRedisOptionException;
import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.ValueCodecException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * JSON with type information for values of any type, the codec of caches whose values are not of
 * one known type (Spring's {@code @Cacheable} methods): the class of every value whose declared
 * type is not final, the value itself included, is written beside it ({@code "@class"}), so that
 * a {@code List<User>} reads back as a list of {@code User}s and a {@code Long} as a {@code Long}.
 * Needs Jackson 3 ({@code tools.jackson.core:jackson-databind}).
 *
 * <p>A class named in stored JSON is only instantiated when it is in a trusted package, or is one
 * of the JDK's collections ({@code java.util}), time types ({@code java.time}), boxed primitives,
 * strings, {@code BigDecimal}, {@code BigInteger} and {@code UUID}: whoever can write to Redis
 * must not be able to make this process instantiate any class it likes (Jackson's polymorphic
 * deserialization gadgets). A value of a class outside them is refused when it is written, rather
 * than stored and then never read back.
 */
public final class TypedJsonCodec implements ValueCodec<Object> {

    private static final Pattern PACKAGE = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Set<Class<?>> JDK_VALUES = Set.of(String.class, Boolean.class, Character.class, Byte.class, Short.class,
            Integer.class, Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class, UUID.class);
    private static final List<String> JDK_PACKAGES = List.of("java.util.", "java.time.");

    private final List<String> packages;
    private final ObjectWriter writer;
    private final ObjectReader reader;

    private TypedJsonCodec(List<String> packages) {
        this.packages = packages;
        BasicPolymorphicTypeValidator.Builder validator = BasicPolymorphicTypeValidator.builder().allowIfSubTypeIsArray();
        JDK_VALUES.forEach(validator::allowIfSubType);
        JDK_PACKAGES.forEach(validator::allowIfSubType);
        packages.forEach(name -> validator.allowIfSubType(name + "."));
        JsonMapper mapper = JsonMapper.builder().activateDefaultTyping(validator.build(), DefaultTyping.NON_FINAL).build();
        // The declared type is Object, so the value's own class is written too, whatever it is.
        this.writer = mapper.writerFor(Object.class);
        this.reader = mapper.readerFor(Object.class);
    }

    /**
     * Returns the codec for values of classes in the given packages (and their subpackages) and of
     * the JDK types listed in the class documentation.
     *
     * @throws InvalidRedisOptionException ({@code trustedPackages}) when the packages or one of them is null or not a package name
     * @throws IllegalStateException when Jackson 3 is not on the class path
     */
    public static TypedJsonCodec trusting(Collection<String> packages) {
        if (packages == null) {
            throw new InvalidRedisOptionException("trustedPackages", "trustedPackages must not be null");
        }
        for (String name : packages) {
            if (name == null || !PACKAGE.matcher(name).matches()) {
                throw new InvalidRedisOptionException("trustedPackages",
                        "trustedPackages must hold package names such as com.example.chat, was '" + name + "'");
            }
        }
        try {
            Class.forName("tools.jackson.databind.json.JsonMapper", false, TypedJsonCodec.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("JSON values need Jackson 3 on the class path: add tools.jackson.core:jackson-databind", e);
        }
        return new TypedJsonCodec(List.copyOf(packages));
    }

    /** Returns the trusted packages. */
    public List<String> trustedPackages() {
        return packages;
    }

    @Override
    public byte[] encode(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("value must not be null");
        }
        if (!trusted(value.getClass())) {
            throw new IllegalArgumentException("values of " + value.getClass().getName() + " cannot be cached as typed JSON: its"
                    + " package is not among the trusted packages " + packages + " (it could not be read back)");
        }
        try {
            return writer.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("a value of " + value.getClass().getName() + " cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public Object decode(byte[] bytes) {
        try {
            return reader.readValue(bytes);
        } catch (JacksonException e) {
            throw new ValueCodecException(Object.class.getName(), "not typed JSON of a trusted class: " + e.getOriginalMessage(), e);
        }
    }

    /** Whether values of a class are read back: the types the validator lets through. */
    private boolean trusted(Class<?> type) {
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (type.isPrimitive() || JDK_VALUES.contains(type)) {
            return true;
        }
        String name = type.getName();
        return JDK_PACKAGES.stream().anyMatch(name::startsWith) || packages.stream().anyMatch(p -> name.startsWith(p + "."));
    }

    @Override
    public String toString() {
        return "TypedJsonCodec" + packages;
    }
}
