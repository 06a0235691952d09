package org.chatapp.redis.spring;

/** Settings under {@code chatapp.redis} that the library rejects; reported by {@link RedisFailureAnalyzer}. */
public class InvalidRedisPropertiesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String prefix;
    private final String reason;

    InvalidRedisPropertiesException(String prefix, String reason, Throwable cause) {
        super("Invalid Redis settings under '" + prefix + "': " + reason, cause);
        this.prefix = prefix;
        this.reason = reason;
    }

    /** Returns the property prefix of the offending client, such as {@code chatapp.redis.clients.chat}. */
    public String prefix() {
        return prefix;
    }

    /** Returns what is wrong, naming the setting and the value. */
    public String reason() {
        return reason;
    }
}
