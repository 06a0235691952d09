package org.chatapp.redis.spring;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.ClientResources;

/**
 * A bean of this type adjusts the Lettuce resources and options of every client the starter
 * creates, after the properties have been applied. In cluster mode the options builder is a
 * {@link io.lettuce.core.cluster.ClusterClientOptions.Builder}.
 */
public interface RedisClientCustomizer {

    /**
     * Adjusts a client's resources (threads, timers, metrics, event bus). A
     * {@link io.lettuce.core.resource.NettyCustomizer} set here runs after the library's handlers;
     * see {@link org.chatapp.redis.LettuceCustomizer#customizeResources}.
     *
     * @param clientName {@code default} or the name under {@code chatapp.redis.clients}
     */
    default void customizeResources(String clientName, ClientResources.Builder resources) {
    }

    /**
     * Adjusts a client's options.
     *
     * @param clientName {@code default} or the name under {@code chatapp.redis.clients}
     */
    default void customizeOptions(String clientName, ClientOptions.Builder options) {
    }
}
