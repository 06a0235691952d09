package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.chatapp.redis.health.HealthStatus;
import org.chatapp.redis.health.RedisHealth;
import org.chatapp.redis.health.RedisHealthIndicator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that accepts connections and never answers (a hung or black-holed node): callers and
 * health checks still get their answer within their timeouts.
 */
class UnresponsiveServerIT {

    private ServerSocket silent;

    @BeforeEach
    void openSilentServer() throws IOException {
        // Never accepted or read: the kernel completes the TCP handshake, nothing ever replies.
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void closeSilentServer() throws IOException {
        silent.close();
    }

    private RedisOptions options() {
        return RedisOptions.builder().host("127.0.0.1").port(silent.getLocalPort())
                .connectTimeout(Duration.ofMillis(500)).commandTimeout(Duration.ofMillis(500)).build();
    }

    @Test
    void healthCheck_answersDownWithinItsTimeout_everyTime() {
        try (LettuceClient client = RedisClientProvider.createRedisClient(options());
                RedisHealthIndicator health = new RedisHealthIndicator(client, Duration.ofMillis(300))) {
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                RedisHealth result = health.check();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(800));
                assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
            }
        }
    }

    @Test
    void operations_failWithinTheCommandTimeout_neverHang() {
        long created = System.nanoTime();
        try (RedisService redis = RedisService.create(options())) {
            assertThat(Duration.ofNanos(System.nanoTime() - created)).isLessThan(Duration.ofSeconds(3));
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> redis.get("a")).isInstanceOf(RedisServiceException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> redis.getAsync("a").toCompletableFuture().join()).hasCauseInstanceOf(RedisServiceException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        }
    }
}
