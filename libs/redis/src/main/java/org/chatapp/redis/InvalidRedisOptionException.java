package org.chatapp.redis;

/**
 * Reports a setting of {@link RedisOptions} (or of one of its option records) that is invalid, and
 * carries the setting's name in {@link #setting()}, so that a caller can point at the configuration
 * to fix without reading the message. The message names the value, except a value that may carry a
 * secret (a password, a URL with credentials), which is never repeated.
 *
 * <p>The setting is named as the builder and the records call it: {@code port},
 * {@code keyPrefix}, {@code clusterOptions.maxRedirects}, {@code tls.trustedCertificates},
 * {@code sentinel.master}, {@code reconnectPolicy.jitter}; an entry of a list with its index, such as
 * {@code nodes[1]}. Options of features built on the library name theirs the same way.
 */
public class InvalidRedisOptionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    /**
     * Creates the exception for a setting.
     *
     * @param setting the setting's name as its builder or record calls it, such as {@code port}
     * @param message what is wrong, naming the value unless it may carry a secret
     * @throws IllegalArgumentException when the setting is null or blank
     */
    public InvalidRedisOptionException(String setting, String message) {
        this(setting, message, null);
    }

    /**
     * Creates the exception for a setting, caused by another failure (such as an invalid entry of a
     * list the setting holds).
     *
     * @param setting the setting's name as its builder or record calls it, such as {@code nodes[1]}
     * @param message what is wrong, naming the value unless it may carry a secret
     * @param cause the failure that made the setting invalid, or null
     * @throws IllegalArgumentException when the setting is null or blank
     */
    public InvalidRedisOptionException(String setting, String message, Throwable cause) {
        super(message, cause);
        if (setting == null || setting.isBlank()) {
            throw new IllegalArgumentException("setting must name the invalid setting, was '" + setting + "'");
        }
        this.setting = setting;
    }

    /** Returns the name of the invalid setting, such as {@code port} or {@code clusterOptions.maxRedirects}. */
    public String setting() {
        return setting;
    }
}
