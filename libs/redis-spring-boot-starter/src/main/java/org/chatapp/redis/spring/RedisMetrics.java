package org.chatapp.redis.spring;

import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.chatapp.redis.RedisService;
import org.springframework.beans.factory.ObjectProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import reactor.core.Disposable;

/**
 * Counts reconnect attempts and cluster topology changes of each {@link RedisService} bean, from
 * the Lettuce event bus of its client. The {@code client} tag is {@code default} or the name.
 */
final class RedisMetrics implements DestructionAwareBeanPostProcessor {

    static final String CLIENT_TAG = "client";
    static final String RECONNECTS = "chatapp.redis.reconnect.attempts";
    static final String TOPOLOGY_CHANGES = "chatapp.redis.topology.changes";

    private final ObjectProvider<MeterRegistry> registry;
    private final Map<String, Disposable> subscriptions = new ConcurrentHashMap<>();

    RedisMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof RedisService service) {
            MeterRegistry meters = registry.getIfAvailable();
            if (meters != null) {
                subscriptions.put(beanName, bind(service, clientName(beanName), meters));
            }
        }
        return bean;
    }

    @Override
    public void postProcessBeforeDestruction(Object bean, String beanName) {
        Disposable subscription = subscriptions.remove(beanName);
        if (subscription != null) {
            subscription.dispose();
        }
    }

    @Override
    public boolean requiresDestruction(Object bean) {
        return bean instanceof RedisService;
    }

    static Disposable bind(RedisService service, String clientName, MeterRegistry meters) {
        Counter reconnects = Counter.builder(RECONNECTS).description("Reconnect attempts to Redis nodes")
                .tag(CLIENT_TAG, clientName).register(meters);
        Counter topologyChanges = Counter.builder(TOPOLOGY_CHANGES).description("Redis Cluster topology changes seen")
                .tag(CLIENT_TAG, clientName).register(meters);
        return service.lettuceClient().unwrap().getResources().eventBus().get().subscribe(event -> {
            if (event instanceof ReconnectAttemptEvent) {
                reconnects.increment();
            } else if (event instanceof ClusterTopologyChangedEvent) {
                topologyChanges.increment();
            }
        });
    }

    static String clientName(String beanName) {
        String suffix = "RedisService";
        if (beanName.endsWith(suffix) && beanName.length() > suffix.length()) {
            return beanName.substring(0, beanName.length() - suffix.length());
        }
        return RedisServiceFactory.DEFAULT_CLIENT;
    }
}
