package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalRedisStandaloneIT {

    private static LocalRedisStandalone shared;

    @BeforeAll
    static void startShared() {
        shared = LocalRedis.standalone().config("maxmemory-policy", "allkeys-lru").start();
    }

    @AfterAll
    static void closeShared() {
        shared.close();
    }

    @Test
    void close_leavesNoProcessAndNoDirectory() {
        LocalRedisStandalone redis = LocalRedis.standalone().start();
        long pid = redis.node().pid();
        Path directory = redis.node().directory();
        assertThat(redis.node().command("PING")).isEqualTo("PONG");
        assertThat(redis.host()).isEqualTo("127.0.0.1");
        assertThat(redis.node().address()).isEqualTo("127.0.0.1:" + redis.port());

        redis.close();
        redis.close();

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(redis.node().isAlive()).isFalse();
        assertThat(directory).doesNotExist();
    }

    @Test
    void command_replyTypes() {
        LocalRedisNode node = shared.node();

        assertThat(node.command("SET", "types:string", "välue")).isEqualTo("OK");
        assertThat(node.command("GET", "types:string")).isEqualTo("välue");
        assertThat(node.command("INCRBY", "types:counter", "5")).isEqualTo(5L);
        assertThat(node.command("GET", "types:missing")).isNull();
        node.command("RPUSH", "types:list", "a", "b");
        assertThat(node.command("LRANGE", "types:list", "0", "-1")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void command_errorReplyThrowsWithServerMessage() {
        shared.node().command("SET", "errors:string", "x");

        assertThatThrownBy(() -> shared.node().command("LPUSH", "errors:string", "y"))
                .isInstanceOf(LocalRedisException.class).hasMessageStartingWith("WRONGTYPE");
    }

    @Test
    void config_extraLineIsApplied() {
        assertThat(shared.node().command("CONFIG", "GET", "maxmemory-policy")).isEqualTo(List.of("maxmemory-policy", "allkeys-lru"));
        assertThat(shared.node().command("CONFIG", "GET", "save")).isEqualTo(List.of("save", ""));
    }

    @Test
    void info_section() {
        assertThat(shared.node().info("server")).contains("redis_version:", "tcp_port:" + shared.port());
    }

    @Test
    void logFile_receivesTheServerLog() {
        assertThat(shared.node().logFile()).isRegularFile().content().contains("Ready to accept connections");
    }

    @Test
    void port_fixed() {
        int port = FreePorts.pick(false);
        try (LocalRedisStandalone redis = LocalRedis.standalone().port(port).start()) {
            assertThat(redis.port()).isEqualTo(port);
            assertThat(redis.node().command("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void port_fixedButTakenFailsWithTheLog() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));

            assertThatThrownBy(() -> LocalRedis.standalone().port(taken.getLocalPort()).start())
                    .isInstanceOf(LocalRedisException.class)
                    .hasMessageContaining("port taken")
                    .hasMessageContaining("Address already in use");
        }
    }

    @Test
    void start_badConfigFailsWithTheEndOfTheLog() {
        assertThatThrownBy(() -> LocalRedis.standalone().config("no-such-directive", "x").start())
                .isInstanceOf(LocalRedisException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("no-such-directive");
    }

    @Test
    void password_requiredAndUsedByCommand() throws IOException {
        try (LocalRedisStandalone redis = LocalRedis.standalone().password("pw with spaces").start()) {
            assertThat(redis.node().command("SET", "k", "v")).isEqualTo("OK");
            try (RespConnection anonymous = RespConnection.open("127.0.0.1", redis.port(), Credentials.NONE,
                    Duration.ofSeconds(1), Duration.ofSeconds(1))) {
                assertThatThrownBy(() -> anonymous.command(List.of("GET", "k"))).hasMessageStartingWith("NOAUTH");
            }
        }
    }

    @Test
    void pauseAndResume() {
        try (LocalRedisStandalone redis = LocalRedis.standalone().start()) {
            LocalRedisNode node = redis.node();

            node.pause();

            assertThat(node.isAlive()).isTrue();
            assertThatThrownBy(() -> node.commandWithin(Duration.ofMillis(300), "PING"))
                    .isInstanceOf(LocalRedisException.class).hasMessageContaining("timed out");

            node.resume();

            assertThat(node.command("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void killAndRestart_samePortNewProcess() {
        try (LocalRedisStandalone redis = LocalRedis.standalone().start()) {
            LocalRedisNode node = redis.node();
            long firstPid = node.pid();

            node.kill();

            assertThat(node.isAlive()).isFalse();
            assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();

            node.restart();

            assertThat(node.pid()).isNotEqualTo(firstPid);
            assertThat(node.port()).isEqualTo(redis.port());
            assertThat(node.command("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void restart_whileRunningStopsFirst() {
        try (LocalRedisStandalone redis = LocalRedis.standalone().start()) {
            long firstPid = redis.node().pid();

            redis.node().restart();

            assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(redis.node().command("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void stop_gracefulShutdown() {
        try (LocalRedisStandalone redis = LocalRedis.standalone().start()) {
            long pid = redis.node().pid();

            redis.node().stop();

            assertThat(redis.node().isAlive()).isFalse();
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(redis.node().logFile()).content().contains("ready to exit, bye bye");
        }
    }
}
