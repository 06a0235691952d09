package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisNode;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.chatapp.redis.local.TestKeyPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A hundred reconnects leave no thread, server connection or heap behind. */
@ExtendWith(LocalRedisExtension.class)
class ReconnectLeakIT {

    private static final String CLIENT_NAME = "reconnect-leak-it";

    @Test
    void hundredReconnects_noGrowthInThreadsConnectionsOrHeap(LocalRedisStandalone redis, TestKeyPrefix prefix) {
        try (RedisService service = RedisService.create(LocalTopologies.standalone(redis).keyPrefix(prefix.value())
                .clientName(CLIENT_NAME).build())) {
            // Lettuce starts the threads of its pools lazily, up to their fixed size: warm them up first.
            for (int i = 0; i < 10; i++) {
                reconnect(service, redis.node());
            }
            long threadsBefore = clientThreads();
            long connectionsBefore = connections(redis.node());
            long heapBefore = heapAfterGc();

            for (int i = 0; i < 100; i++) {
                reconnect(service, redis.node());
            }

            long heapGrowth = heapAfterGc() - heapBefore;
            System.out.printf("100 reconnects: Lettuce and Netty threads %d -> %d, server connections %d -> %d, heap %+d KiB%n", threadsBefore,
                    clientThreads(), connectionsBefore, connections(redis.node()), heapGrowth / 1024);
            assertThat(clientThreads()).as("Lettuce and Netty threads").isLessThanOrEqualTo(threadsBefore);
            assertThat(connections(redis.node())).as("the service's connections on the server").isEqualTo(connectionsBefore);
            assertThat(heapGrowth).as("heap growth after GC, bytes").isLessThan(8L * 1024 * 1024);
        }
    }

    /** Kills the service's connections on the server and waits until a command goes through again. */
    private static void reconnect(RedisService service, LocalRedisNode node) {
        node.command("CLIENT", "KILL", "USER", "default", "SKIPME", "yes");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            service.set("k", "v");
            return connections(node) > 0;
        });
    }

    private static long clientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("lettuce") || name.contains("EventLoop") || name.contains("netty")).count();
    }

    private static long connections(LocalRedisNode node) {
        return ((String) node.command("CLIENT", "LIST", "TYPE", "normal")).lines()
                .filter(line -> line.contains(" name=" + CLIENT_NAME + " ")).count();
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
