package org.chatapp.redis;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the connections of their own on the service's client, and closes those still open with the service. */
final class DefaultRedisConnections implements RedisConnections, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DefaultRedisConnections.class);

    private final LettuceClient client;
    private final KeyCodec keys;
    /** Connections handed out and not closed yet; each removes itself when its owner closes it. */
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();

    DefaultRedisConnections(LettuceClient client, KeyCodec keys) {
        this.client = client;
        this.keys = keys;
    }

    @Override
    public DedicatedConnection dedicated() {
        return track(new DefaultDedicatedConnection(client, keys, System::nanoTime, this::closed));
    }

    @Override
    public PubSubConnection pubSub(PubSubListener listener) {
        return track(new DefaultPubSubConnection(client, keys, listener, this::closed, System::nanoTime).start());
    }

    /** Tracks a connection handed out, so that the service's close closes it if its owner did not. */
    <C extends AutoCloseable> C track(C connection) {
        open.add(connection);
        return connection;
    }

    /** Forgets a connection its owner closed. */
    void closed(AutoCloseable connection) {
        open.remove(connection);
    }

    @Override
    public void close() {
        for (AutoCloseable connection : open) {
            try {
                connection.close();
            } catch (Exception e) {
                log.debug("Closing {} with the service failed", connection, e);
            }
        }
        open.clear();
    }
}
