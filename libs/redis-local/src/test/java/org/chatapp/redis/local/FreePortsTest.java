package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void pick_freePortThatIsNotTheSystemRedis() {
        int port = FreePorts.pick(false);

        assertThat(port).isNotEqualTo(6379);
        assertThat(FreePorts.isFree(port)).isTrue();
    }

    @Test
    void pick_withClusterBusAlsoFindsTheBusPortFree() {
        int port = FreePorts.pick(true);

        assertThat(port + 10000).isLessThanOrEqualTo(65535);
        assertThat(FreePorts.isFree(port)).isTrue();
        assertThat(FreePorts.isFree(port + 10000)).isTrue();
    }

    @Test
    void pick_neverHandsOutTheSamePortTwiceInARow() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            ports.add(FreePorts.pick(false));
        }

        assertThat(ports).hasSize(50);
    }

    @Test
    void isUsable_systemRedisPortAndTakenBusPort() throws IOException {
        assertThat(FreePorts.isUsable(6379, false)).isFalse();
        try (ServerSocket bus = new ServerSocket()) {
            bus.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = bus.getLocalPort() - 10000;

            assertThat(FreePorts.isUsable(port, true)).isFalse();
            assertThat(FreePorts.isUsable(port, false)).isTrue();
        }
    }

    @Test
    void isUsable_busPortBeyondTheLastPort() {
        assertThat(FreePorts.isUsable(60000, true)).isFalse();
    }

    @Test
    void isFree_boundPortIsNotFree() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));

            assertThat(FreePorts.isFree(socket.getLocalPort())).isFalse();
        }
    }
}
