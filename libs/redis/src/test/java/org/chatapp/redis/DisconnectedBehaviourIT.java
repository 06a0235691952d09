package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chatapp.redis.local.LocalRedis;
import org.chatapp.redis.local.LocalRedisStandalone;
import io.lettuce.core.event.connection.DisconnectedEvent;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** What commands do while the server is gone: wait in a bounded queue, or fail at once when asked to. */
class DisconnectedBehaviourIT {

    @Test
    void byDefault_commandsWaitForTheReconnect_andComplete() throws Exception {
        try (LocalRedisStandalone redis = LocalRedis.standalone().start();
                RedisService service = RedisService.create(LocalTopologies.standalone(redis).commandTimeout(Duration.ofSeconds(5)).build())) {
            service.set("a", "before");
            redis.node().kill();

            CompletableFuture<Void> queued = service.setAsync("a", "while down").toCompletableFuture();
            redis.node().restart();

            queued.get(10, TimeUnit.SECONDS);
            assertThat(service.get("a")).contains("while down");
        }
    }

    @Test
    void failFastWhenDisconnected_commandsFailAtOnce() {
        try (LocalRedisStandalone redis = LocalRedis.standalone().start();
                RedisService service = RedisService.create(LocalTopologies.standalone(redis).failFastWhenDisconnected(true).build())) {
            service.set("a", "before");
            killAndAwaitDisconnect(redis, service);

            long start = System.nanoTime();
            assertThatThrownBy(() -> service.get("a")).isInstanceOf(RedisConnectionFailureException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    void requestQueue_isBounded_whileDisconnected() {
        try (LocalRedisStandalone redis = LocalRedis.standalone().start();
                RedisService service = RedisService.create(LocalTopologies.standalone(redis).requestQueueSize(3)
                        .commandTimeout(Duration.ofSeconds(3)).build())) {
            service.set("a", "before");
            killAndAwaitDisconnect(redis, service);

            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                writes.add(service.setAsync("k" + i, "v").toCompletableFuture());
            }
            List<CompletableFuture<Void>> rejectedAtOnce = writes.stream().filter(CompletableFuture::isCompletedExceptionally).toList();
            assertThat(rejectedAtOnce).as("writes beyond the queue of 3").hasSize(7);
            assertThatThrownBy(rejectedAtOnce.get(0)::join).hasCauseInstanceOf(RedisRequestQueueFullException.class);
        }
    }

    @Test
    void batch_whileDisconnected_waitsForTheReconnect_andCompletes() throws Exception {
        try (LocalRedisStandalone redis = LocalRedis.standalone().start();
                RedisService service = RedisService.create(LocalTopologies.standalone(redis).commandTimeout(Duration.ofSeconds(5)).build())) {
            service.set("a", "before");
            killAndAwaitDisconnect(redis, service);
            RedisBatch batch = service.batch();
            BatchResult<Void> write = batch.set("a", "while down");
            BatchResult<Long> count = batch.incr("n");

            CompletableFuture<Void> sent = batch.executeAsync().toCompletableFuture();
            redis.node().restart();

            sent.get(10, TimeUnit.SECONDS);
            assertThat(write.error()).isEmpty();
            assertThat(count.get()).isEqualTo(1);
            assertThat(service.get("a")).contains("while down");
        }
    }

    @Test
    void batch_largerThanTheRequestQueue_whileDisconnected_failsAtOnceAndNothingIsSentLater() throws Exception {
        try (LocalRedisStandalone redis = LocalRedis.standalone().start();
                RedisService service = RedisService.create(LocalTopologies.standalone(redis).requestQueueSize(3)
                        .commandTimeout(Duration.ofSeconds(3)).build())) {
            service.set("a", "before");
            killAndAwaitDisconnect(redis, service);
            RedisBatch batch = service.batch();
            List<BatchResult<Long>> increments = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                increments.add(batch.incr("n"));
            }

            batch.executeAsync().toCompletableFuture().get(5, TimeUnit.SECONDS);
            redis.node().restart();

            assertThat(increments).allSatisfy(result -> assertThat(result.error()).get().isInstanceOf(RedisRequestQueueFullException.class));
            // Anything held for the reconnect would be sent first, on the same connection, and count too.
            assertThat(service.incr("n")).as("no command of the refused batch is sent after the reconnect").isEqualTo(1);
        }
    }

    @Test
    void burstOf20000_whileTheServerHoldsWritesForASecond_isTakenWithoutAFailure() throws Exception {
        try (LocalRedisStandalone redis = LocalRedis.standalone().start();
                RedisService service = RedisService.create(LocalTopologies.standalone(redis).build())) {
            service.set("a", "before");
            redis.node().command("CLIENT", "PAUSE", "1000", "WRITE");

            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                writes.add(service.setAsync("burst:" + i, "v").toCompletableFuture());
            }

            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(service.get("burst:19999")).contains("v");
        }
    }

    /** Kills the server and waits until the client has seen its connection drop. */
    private static void killAndAwaitDisconnect(LocalRedisStandalone redis, RedisService service) {
        CompletableFuture<Object> disconnected = new CompletableFuture<>();
        Disposable subscription = service.lettuceClient().unwrap().getResources().eventBus().get()
                .filter(DisconnectedEvent.class::isInstance).subscribe(disconnected::complete);
        try {
            redis.node().kill();
            disconnected.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the client did not notice the server's death", e);
        } finally {
            subscription.dispose();
        }
        // Lettuce publishes the event before the connection marks itself inactive.
        await().atMost(Duration.ofSeconds(5)).until(() -> !((DefaultRedisService) service).isConnected());
    }
}
