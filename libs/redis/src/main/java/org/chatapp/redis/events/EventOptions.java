package org.chatapp.redis.events;

import org.chatapp.redis.InvalidRedisOptionException;

/**
 * How a {@link RedisEvents} bus names its channels, publishes and runs its handlers.
 *
 * @param channelPrefix put before every channel and pattern, after the service's key prefix; may be
 *        empty; no glob characters and no braces (a hash tag in a channel name decides its slot)
 * @param sharding whether events go over sharded pub/sub (SPUBLISH/SSUBSCRIBE) or classic
 * @param handlerThreads threads that run the handlers of every subscription of the bus
 * @param queueCapacity events each subscription holds while its handler is busy; beyond it new
 *        events are dropped and counted ({@link EventStats#droppedOnOverflow()})
 * @param maxPayloadBytes the largest event, as JSON, that {@link RedisEvents#publish} sends
 */
public record EventOptions(String channelPrefix, Sharding sharding, int handlerThreads, int queueCapacity, int maxPayloadBytes) {

    /** Channels are {@code events:<channel>} under the service's key prefix. */
    public static final String DEFAULT_CHANNEL_PREFIX = "events:";
    /** Sharded on a Redis 7 cluster, classic elsewhere. */
    public static final Sharding DEFAULT_SHARDING = Sharding.AUTO;
    /** Four threads: a handler that waits on I/O holds one, the others keep running. */
    public static final int DEFAULT_HANDLER_THREADS = 4;
    /** A thousand events per subscription. */
    public static final int DEFAULT_QUEUE_CAPACITY = 1_000;
    /** 64 KiB: far above a chat event, far below what makes Redis drop a subscriber. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;
    /**
     * The largest {@code maxPayloadBytes} allowed, 1 MiB: Redis disconnects a subscriber whose unread
     * messages pass 8 MB for a minute or 32 MB at once ({@code client-output-buffer-limit pubsub}), and
     * a few large events would do that to every subscriber at once.
     */
    public static final int LARGEST_MAX_PAYLOAD_BYTES = 1024 * 1024;

    /** Whether a bus uses sharded pub/sub. */
    public enum Sharding {
        /**
         * Sharded on a Redis Cluster whose nodes run Redis 7 or later, classic elsewhere. The version is
         * read once from the server; every process on one cluster decides alike. Pattern subscriptions
         * are refused on a cluster, whatever its version, since Redis has no sharded patterns.
         */
        AUTO,
        /** Always sharded (Redis 7 or later): each channel lives on the master of its slot. No patterns. */
        SHARDED,
        /** Always classic: every message reaches every node of a cluster. Patterns allowed. */
        CLASSIC
    }

    /** Validates every setting, naming it and its value. */
    public EventOptions {
        if (channelPrefix == null) {
            throw new InvalidRedisOptionException("channelPrefix", "channelPrefix must not be null; use \"\" for none");
        }
        int glob = ChannelNames.firstGlobCharacter(channelPrefix);
        if (glob >= 0 || channelPrefix.indexOf('{') >= 0 || channelPrefix.indexOf('}') >= 0) {
            throw new InvalidRedisOptionException("channelPrefix", "channelPrefix must not contain glob characters ("
                    + ChannelNames.GLOB_CHARACTERS + ") or braces, was '" + channelPrefix + "'");
        }
        if (sharding == null) {
            throw new InvalidRedisOptionException("sharding", "sharding must not be null, was null");
        }
        if (handlerThreads < 1) {
            throw new InvalidRedisOptionException("handlerThreads", "handlerThreads must be at least 1, was " + handlerThreads);
        }
        if (queueCapacity < 1) {
            throw new InvalidRedisOptionException("queueCapacity", "queueCapacity must be at least 1, was " + queueCapacity);
        }
        if (maxPayloadBytes < 1 || maxPayloadBytes > LARGEST_MAX_PAYLOAD_BYTES) {
            throw new InvalidRedisOptionException("maxPayloadBytes", "maxPayloadBytes must be between 1 and "
                    + LARGEST_MAX_PAYLOAD_BYTES + ", was " + maxPayloadBytes);
        }
    }

    /** Returns the defaults: {@code events:}, {@link Sharding#AUTO}, 4 handler threads, 1,000 queued per subscription, 64 KiB. */
    public static EventOptions defaults() {
        return new EventOptions(DEFAULT_CHANNEL_PREFIX, DEFAULT_SHARDING, DEFAULT_HANDLER_THREADS, DEFAULT_QUEUE_CAPACITY,
                DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /** Returns these options with another channel prefix. */
    public EventOptions withChannelPrefix(String channelPrefix) {
        return new EventOptions(channelPrefix, sharding, handlerThreads, queueCapacity, maxPayloadBytes);
    }

    /** Returns these options with another sharding choice. */
    public EventOptions withSharding(Sharding sharding) {
        return new EventOptions(channelPrefix, sharding, handlerThreads, queueCapacity, maxPayloadBytes);
    }

    /** Returns these options with another number of handler threads. */
    public EventOptions withHandlerThreads(int handlerThreads) {
        return new EventOptions(channelPrefix, sharding, handlerThreads, queueCapacity, maxPayloadBytes);
    }

    /** Returns these options with another queue capacity per subscription. */
    public EventOptions withQueueCapacity(int queueCapacity) {
        return new EventOptions(channelPrefix, sharding, handlerThreads, queueCapacity, maxPayloadBytes);
    }

    /** Returns these options with another payload limit. */
    public EventOptions withMaxPayloadBytes(int maxPayloadBytes) {
        return new EventOptions(channelPrefix, sharding, handlerThreads, queueCapacity, maxPayloadBytes);
    }
}
