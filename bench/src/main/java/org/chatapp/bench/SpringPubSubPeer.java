package org.chatapp.bench;

import java.util.function.Consumer;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Spring Data Redis pub/sub as its users take it: a {@code RedisMessageListenerContainer} with its
 * defaults and a {@code MessageListener}, and {@code RedisTemplate.convertAndSend}, JSON through
 * its Jackson 3 serializer for the event type, on one {@code LettuceConnectionFactory}.
 */
final class SpringPubSubPeer implements PubSubPeer {

    private static final String CHANNEL = Peers.PREFIX + "spring:chat";

    @Override
    public String name() {
        return "Spring Data Redis " + Versions.of("org.springframework.data", "spring-data-redis") + " pub/sub";
    }

    @Override
    public String setup() {
        return "`LettuceConnectionFactory` with defaults; a `RedisMessageListenerContainer` with its defaults (its "
                + "listeners run on a `SimpleAsyncTaskExecutor`, a new thread per message) and a `MessageListener` that "
                + "reads the event with `JacksonJsonRedisSerializer<BenchEvent>`; `RedisTemplate<String, BenchEvent>.convertAndSend` "
                + "with the same serializer; classic PUBLISH/SUBSCRIBE on both topologies";
    }

    @Override
    public PubSubClient connect(Topology topology, Consumer<BenchEvent> handler) {
        LettuceConnectionFactory factory = SpringDataRedisPeer.connectionFactory(topology);
        JacksonJsonRedisSerializer<BenchEvent> serializer = new JacksonJsonRedisSerializer<>(BenchEvent.class);
        RedisTemplate<String, BenchEvent> template = new RedisTemplate<>();
        template.setConnectionFactory(factory);
        template.setKeySerializer(RedisSerializer.string());
        template.setValueSerializer(serializer);
        template.afterPropertiesSet();
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(factory);
        container.addMessageListener((message, pattern) -> handler.accept(serializer.deserialize(message.getBody())),
                new ChannelTopic(CHANNEL));
        container.afterPropertiesSet();
        container.start();
        return new PubSubClient() {
            @Override
            public void publish(BenchEvent event) {
                template.convertAndSend(CHANNEL, event);
            }

            @Override
            public void close() {
                try {
                    container.destroy();
                } catch (Exception e) {
                    throw new IllegalStateException("stopping the listener container failed", e);
                } finally {
                    factory.destroy();
                }
            }
        };
    }
}
