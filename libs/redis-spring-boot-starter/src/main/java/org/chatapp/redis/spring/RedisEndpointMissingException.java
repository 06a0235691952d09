package org.chatapp.redis.spring;

/** No Redis endpoint is configured while {@code chatapp.redis.require-endpoint} is true. */
public class RedisEndpointMissingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RedisEndpointMissingException() {
        super("No Redis endpoint is configured: none of " + ConfiguredEndpoint.PROPERTY_NAMES
                + " is set, and no local or service-connection Redis was found");
    }
}
