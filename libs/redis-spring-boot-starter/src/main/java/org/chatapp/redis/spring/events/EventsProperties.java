package org.chatapp.redis.spring.events;

import org.chatapp.redis.events.EventOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the typed pub/sub event bus, bound to {@code chatapp.redis.events.*}. */
@ConfigurationProperties(EventsProperties.PREFIX)
public class EventsProperties {

    /** Prefix of the properties. */
    public static final String PREFIX = "chatapp.redis.events";

    /**
     * Whether a RedisEvents bean is made on the default Redis client; it is made at its first use, when
     * it opens its pub/sub connection.
     */
    private boolean enabled = true;

    /** Put before every channel and pattern, after the client's key prefix; may be empty; no glob characters or braces. */
    private String channelPrefix = "events:";

    /** Whether events go over sharded pub/sub: auto (sharded on a Redis 7 cluster, classic elsewhere), sharded or classic. */
    private EventOptions.Sharding sharding = EventOptions.Sharding.AUTO;

    /** Threads that run the handlers of every subscription. */
    private int handlerThreads = 4;

    /** Events each subscription holds while its handler is busy; newer ones are dropped beyond it. */
    private int queueCapacity = 1000;

    /** Largest event, as JSON, that may be published; at most 1 MiB. */
    private int maxPayloadBytes = 65536;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getChannelPrefix() {
        return channelPrefix;
    }

    public void setChannelPrefix(String channelPrefix) {
        this.channelPrefix = channelPrefix;
    }

    public EventOptions.Sharding getSharding() {
        return sharding;
    }

    public void setSharding(EventOptions.Sharding sharding) {
        this.sharding = sharding;
    }

    public int getHandlerThreads() {
        return handlerThreads;
    }

    public void setHandlerThreads(int handlerThreads) {
        this.handlerThreads = handlerThreads;
    }

    public int getQueueCapacity() {
        return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    public int getMaxPayloadBytes() {
        return maxPayloadBytes;
    }

    public void setMaxPayloadBytes(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }
}
