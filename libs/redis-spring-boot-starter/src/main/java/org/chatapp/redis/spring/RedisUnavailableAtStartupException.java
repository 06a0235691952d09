package org.chatapp.redis.spring;

/** Redis could not be reached at startup while {@code chatapp.redis.require-at-startup} is true. */
public class RedisUnavailableAtStartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String clientName;

    RedisUnavailableAtStartupException(String clientName, Throwable cause) {
        super("Redis client '" + clientName + "' could not reach Redis at startup: " + cause.getMessage(), cause);
        this.clientName = clientName;
    }

    /** Returns the client's name: {@code default} or the name under {@code chatapp.redis.clients}. */
    public String clientName() {
        return clientName;
    }
}
