package org.chatapp.redis.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Picks ports on 127.0.0.1 that are free right now, never the system Redis' 6379, and for
 * cluster nodes only where the cluster bus port (port + 10000) is free as well.
 */
final class FreePorts {

    static final int SYSTEM_REDIS_PORT = 6379;
    static final int CLUSTER_BUS_OFFSET = 10000;
    private static final int ATTEMPTS = 200;
    private static final int REMEMBERED = 512;

    // A picked port stays unbound until its redis-server binds it; remembering recent picks keeps
    // two setups starting at once in this JVM from being handed the same port in between.
    private static final Deque<Integer> recentlyPicked = new ArrayDeque<>();

    private FreePorts() {
    }

    /**
     * Returns a free port, and one whose cluster bus port is free too when {@code withClusterBus}.
     *
     * @throws LocalRedisException if none is found after many attempts
     */
    static int pick(boolean withClusterBus) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ephemeralPort();
            if (isUsable(port, withClusterBus) && remember(port)) {
                return port;
            }
        }
        throw new LocalRedisException("Could not find a free port on 127.0.0.1"
                + (withClusterBus ? " whose cluster bus port (+" + CLUSTER_BUS_OFFSET + ") is free too" : "")
                + " after " + ATTEMPTS + " attempts");
    }

    static boolean isUsable(int port, boolean withClusterBus) {
        if (port == SYSTEM_REDIS_PORT) {
            return false;
        }
        if (!withClusterBus) {
            return true;
        }
        int busPort = port + CLUSTER_BUS_OFFSET;
        return busPort <= 65535 && busPort != SYSTEM_REDIS_PORT && isFree(busPort);
    }

    /** Returns whether a listening socket can be bound to the port on 127.0.0.1 right now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(LocalRedisNode.HOST, port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int ephemeralPort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(LocalRedisNode.HOST, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalRedisException("Cannot bind any port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    private static synchronized boolean remember(int port) {
        if (recentlyPicked.contains(port)) {
            return false;
        }
        recentlyPicked.addLast(port);
        if (recentlyPicked.size() > REMEMBERED) {
            recentlyPicked.removeFirst();
        }
        return true;
    }
}
