package org.chatapp.bench;

import java.util.function.Consumer;
import org.redisson.Redisson;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.codec.TypedJsonJackson3Codec;

/**
 * Redisson pub/sub as its users take it: an {@code RTopic} with a {@code MessageListener} of the
 * event type and blocking {@code publish}, JSON through its Jackson 3 codec for the event type.
 */
final class RedissonTopicPeer implements PubSubPeer {

    private static final String CHANNEL = Peers.PREFIX + "redisson:chat";

    @Override
    public String name() {
        return "Redisson " + Versions.of("org.redisson", "redisson") + " RTopic";
    }

    @Override
    public String setup() {
        return "`Config` with `useSingleServer()`/`useClusterServers()` and defaults otherwise; `getTopic(channel, "
                + "new TypedJsonJackson3Codec(BenchEvent.class))`, `addListener(BenchEvent.class, listener)` and blocking "
                + "`publish(event)`; classic PUBLISH/SUBSCRIBE on both topologies (`RTopic`; Redisson's sharded "
                + "`RShardedTopic` is not measured)";
    }

    @Override
    public PubSubClient connect(Topology topology, Consumer<BenchEvent> handler) {
        RedissonClient redisson = Redisson.create(RedissonPeer.config(topology));
        RTopic topic = redisson.getTopic(CHANNEL, new TypedJsonJackson3Codec(BenchEvent.class));
        topic.addListener(BenchEvent.class, (channel, event) -> handler.accept(event));
        return new PubSubClient() {
            @Override
            public void publish(BenchEvent event) {
                topic.publish(event);
            }

            @Override
            public void close() {
                redisson.shutdown();
            }
        };
    }
}
