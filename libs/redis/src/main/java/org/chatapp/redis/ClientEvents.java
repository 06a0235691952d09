package org.chatapp.redis;

import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.event.Event;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Turns the Lettuce event bus of one client into {@link RedisClientListener} calls. Subscribes on
 * the first listener, so a service without listeners pays nothing.
 */
final class ClientEvents implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClientEvents.class);

    /** Sentinel setups signal a new master with this event, whose class Lettuce keeps package-private. */
    private static final String MASTER_REPLICA_TOPOLOGY_CHANGED = "MasterReplicaTopologyChangedEvent";

    private final LettuceClient client;
    private final CopyOnWriteArrayList<RedisClientListener> listeners = new CopyOnWriteArrayList<>();
    /** Addresses with a connection lost and not yet regained: the next activation there is a reconnect. */
    private final Set<String> lost = ConcurrentHashMap.newKeySet();
    private Disposable subscription;

    ClientEvents(LettuceClient client) {
        this.client = client;
    }

    synchronized void add(RedisClientListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        listeners.add(listener);
        if (subscription == null) {
            subscription = client.unwrap().getResources().eventBus().get().subscribe(this::dispatch);
        }
    }

    void remove(RedisClientListener listener) {
        listeners.remove(listener);
    }

    private void dispatch(Event event) {
        if (event instanceof ConnectionActivatedEvent activated) {
            String address = address(activated.remoteAddress());
            boolean again = lost.remove(address);
            each(listener -> {
                if (again) {
                    listener.reconnected(address);
                } else {
                    listener.connected(address);
                }
            });
        } else if (event instanceof ConnectionDeactivatedEvent deactivated) {
            String address = address(deactivated.remoteAddress());
            lost.add(address);
            each(listener -> listener.disconnected(address));
        } else if (event instanceof ClusterTopologyChangedEvent
                || event.getClass().getSimpleName().equals(MASTER_REPLICA_TOPOLOGY_CHANGED)) {
            each(RedisClientListener::topologyChanged);
        }
    }

    private void each(java.util.function.Consumer<RedisClientListener> call) {
        for (RedisClientListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                // One failing listener must not keep the event from the others, nor end the subscription.
                log.warn("Redis client listener {} failed", listener, e);
            }
        }
    }

    static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getHostString() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.dispose();
            subscription = null;
        }
        listeners.clear();
    }
}
