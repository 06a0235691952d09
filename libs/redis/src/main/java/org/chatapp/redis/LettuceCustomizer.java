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
     * Adjusts the client resources (threads, timers, metrics, event bus). The library sets a
     * {@link io.lettuce.core.resource.NettyCustomizer} that batches concurrent commands into shared
     * socket writes; a customizer that sets its own replaces it, and commands are then flushed one
     * by one, as plain Lettuce does.
     */
    default void customizeResources(ClientResources.Builder resources) {
    }

    /** Adjusts the client options. */
    default void customizeOptions(ClientOptions.Builder options) {
    }
}
