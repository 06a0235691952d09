package org.chatapp.bench;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.events.EventOptions;
import org.chatapp.redis.events.EventSubscription;
import org.chatapp.redis.events.RedisEvents;

/**
 * This library's typed pub/sub, {@code RedisEvents}, as its users take it: the default options on
 * a {@code RedisService}, blocking {@code publish} and one {@code subscribe} of the event type.
 */
final class ChatappEventsPeer implements PubSubPeer {

    /** The channel, under the bus's {@code events:} prefix and the service's key prefix. */
    private static final String CHANNEL = "chat";
    private static final long SUBSCRIBE_WAIT_SECONDS = 30;

    @Override
    public String name() {
        return "chatapp RedisEvents";
    }

    @Override
    public String setup() {
        EventOptions defaults = EventOptions.defaults();
        return "`RedisEvents.create(redis)` on a `RedisService` with key prefix `" + Peers.PREFIX + "`, default `EventOptions` ("
                + defaults.handlerThreads() + " handler threads, " + String.format("%,d", defaults.queueCapacity())
                + " events queued per subscription, sharding `" + defaults.sharding() + "`: SPUBLISH/SSUBSCRIBE on a Redis 7 "
                + "cluster, classic elsewhere); blocking `publish(channel, event)`, `subscribe(channel, BenchEvent.class, handler)`; "
                + "JSON through the library's Jackson 3 codec";
    }

    @Override
    public boolean judged() {
        return true;
    }

    @Override
    public PubSubClient connect(Topology topology, Consumer<BenchEvent> handler) {
        RedisService redis = RedisService.create(ChatappPeer.options(topology).build());
        RedisEvents events = RedisEvents.create(redis);
        try {
            EventSubscription subscription = events.subscribe(CHANNEL, BenchEvent.class, (channel, event) -> handler.accept(event));
            subscription.confirmed().toCompletableFuture().get(SUBSCRIBE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            events.close();
            redis.close();
            throw new IllegalStateException("subscribing to '" + CHANNEL + "' failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            events.close();
            redis.close();
            throw new IllegalStateException("interrupted while subscribing", e);
        }
        return new PubSubClient() {
            @Override
            public void publish(BenchEvent event) {
                events.publish(CHANNEL, event);
            }

            @Override
            public void close() {
                events.close();
                redis.close();
            }
        };
    }
}
