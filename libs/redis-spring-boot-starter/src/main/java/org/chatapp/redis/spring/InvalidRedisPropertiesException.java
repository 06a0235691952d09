package org.chatapp.redis.spring;

/**
 * Settings under {@code chatapp.redis} that the library rejects; reported by {@link RedisFailureAnalyzer}.
 * It carries the property to fix in {@link #property()}, taken from the setting the library names
 * ({@link org.chatapp.redis.InvalidRedisOptionException#setting()}), never from the message.
 */
public class InvalidRedisPropertiesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String prefix;
    private final String property;
    private final String reason;

    /** Creates the exception for settings under the prefix as a whole, no single property being at fault. */
    InvalidRedisPropertiesException(String prefix, String reason, Throwable cause) {
        this(prefix, null, reason, cause);
    }

    /**
     * Creates the exception for one property.
     *
     * @param prefix the property prefix of the offending client, such as {@code chatapp.redis.clients.chat}
     * @param property the property under the prefix, such as {@code cluster.max-redirects}, or null
     *     when the settings under the prefix are wrong as a whole
     * @param reason what is wrong, naming the setting and the value but never a secret
     */
    InvalidRedisPropertiesException(String prefix, String property, String reason, Throwable cause) {
        super("Invalid Redis settings under '" + prefix + "': " + reason, cause);
        this.prefix = prefix;
        this.property = property == null ? prefix + ".*" : prefix + "." + property;
        this.reason = reason;
    }

    /** Returns the property prefix of the offending client, such as {@code chatapp.redis.clients.chat}. */
    public String prefix() {
        return prefix;
    }

    /**
     * Returns the exception for options of a feature (locks, rate limiters, ...) bound under a
     * prefix, such as {@code chatapp.redis.lock}: the property is the one holding the setting the
     * options name, {@code leaseTime} being {@code lease-time}.
     */
    public static InvalidRedisPropertiesException forSetting(String prefix, org.chatapp.redis.InvalidRedisOptionException invalid) {
        return new InvalidRedisPropertiesException(prefix, RedisOptionsMapper.propertyOf(invalid.setting()), invalid.getMessage(), invalid);
    }

    /**
     * Returns the full name of the property to fix, such as {@code chatapp.redis.cluster.max-redirects};
     * {@code <prefix>.*} when the settings under the prefix are wrong as a whole.
     */
    public String property() {
        return property;
    }

    /** Returns what is wrong, naming the setting and the value. */
    public String reason() {
        return reason;
    }
}
