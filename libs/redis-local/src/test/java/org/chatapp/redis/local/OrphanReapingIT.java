package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanReapingIT {

    @Test
    void reapOrphans_killsTheRedisServerOfAJvmThatIsGone(@TempDir Path base) throws Exception {
        int port = FreePorts.pick(false);
        Process orphan = new ProcessBuilder(RedisServerBinary.locate().path().toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--dir", base.toString())
                .redirectErrorStream(true).redirectOutput(base.resolve("orphan.log").toFile()).start();
        try {
            long deadJvm = finishedProcessPid();
            long startMillis = orphan.toHandle().info().startInstant().orElseThrow().toEpochMilli();
            Files.writeString(ProcessRegistry.recordFile(base, deadJvm),
                    "jvm " + deadJvm + " 0\nnode " + orphan.pid() + " " + startMillis + "\n");

            int killed = ProcessRegistry.reapOrphans(base);

            assertThat(killed).isEqualTo(1);
            assertThat(orphan.waitFor(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void reapOrphans_cleansUpAfterAJvmKilledWithSigkill() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AbandoningJvm.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String[] started;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("redis-pid "));
            assertThat(line).as("the abandoning JVM's report of its redis-server").isNotNull();
            started = line.split(" ", 3);
        } finally {
            jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        long redisPid = Long.parseLong(started[1]);
        Path directory = Path.of(started[2]);
        assertThat(ProcessHandle.of(redisPid).filter(ProcessHandle::isAlive)).as("orphan before reaping").isPresent();

        ProcessRegistry.reapOrphans(Workspace.base());

        assertThat(ProcessHandle.of(redisPid).filter(ProcessHandle::isAlive)).as("orphan after reaping").isEmpty();
        assertThat(directory.getParent()).doesNotExist();
    }

    @Test
    void record_listsTheLiveNodesOfThisJvm() throws Exception {
        try (LocalRedisStandalone redis = LocalRedis.standalone().start()) {
            Path record = ProcessRegistry.recordFile(Workspace.base(), ProcessHandle.current().pid());

            assertThat(record).content().contains("jvm " + ProcessHandle.current().pid(),
                    "node " + redis.node().pid(), "dir " + redis.node().directory().getParent());
        }
    }

    private static long finishedProcessPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor(5, TimeUnit.SECONDS);
        return process.pid();
    }
}
