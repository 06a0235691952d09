package org.chatapp.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.ClientResources;

/**
 * Adjusts what {@link RedisClientProvider} builds, after the options have been applied: for
 * example a command latency recorder on the resources, or a Lettuce option the library does not
 * expose. In cluster mode the options builder is a
 * {@link io.lettuce.core.cluster.ClusterClientOptions.Builder}.
 */
public interface LettuceCustomizer {

    /** A customizer that changes nothing. */
    LettuceCustomizer NONE = new LettuceCustomizer() {
    };

    /**
     * Adjusts the client resources (threads, timers, metrics, event bus). A {@link
     * io.lettuce.core.resource.NettyCustomizer} set here runs after the library's handlers, which
     * batch concurrent commands into shared socket writes and keep unanswered writes from being
     * sent twice after a reconnect; it adds to them, never replaces them.
     */
    default void customizeResources(ClientResources.Builder resources) {
    }

    /** Adjusts the client options. */
    default void customizeOptions(ClientOptions.Builder options) {
    }
}
