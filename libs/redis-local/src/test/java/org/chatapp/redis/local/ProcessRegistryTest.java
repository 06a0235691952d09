package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRegistryTest {

    @Test
    void reapOrphans_deadJvmRecordIsCleanedButOtherProgramsSurvive(@TempDir Path base) throws Exception {
        long deadJvm = finishedProcessPid();
        Process bystander = new ProcessBuilder("sleep", "30").start();
        Path orphanedDirectory = Files.createDirectories(base.resolve("cluster-1/node-1"));
        Path record = ProcessRegistry.recordFile(base, deadJvm);
        Files.writeString(record, "jvm " + deadJvm + " 0\nnode " + bystander.pid() + " 0\ndir " + base.resolve("cluster-1") + "\n");
        try {
            int killed = ProcessRegistry.reapOrphans(base);

            assertThat(killed).isZero();
            assertThat(bystander.isAlive()).as("a process that is not redis-server is never killed").isTrue();
            assertThat(orphanedDirectory).doesNotExist();
            assertThat(record).doesNotExist();
        } finally {
            bystander.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void reapOrphans_recordOfARunningJvmIsLeftAlone(@TempDir Path base) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        Path directory = Files.createDirectories(base.resolve("standalone-1"));
        Path record = ProcessRegistry.recordFile(base, self.pid());
        Files.writeString(record, "jvm " + self.pid() + " 0\ndir " + directory + "\n");

        ProcessRegistry.reapOrphans(base);

        assertThat(record).exists();
        assertThat(directory).exists();
    }

    @Test
    void reapOrphans_garbageRecordIsSkipped(@TempDir Path base) throws IOException {
        Files.writeString(ProcessRegistry.recordFile(base, 1), "jvm not-a-pid\n");

        assertThat(ProcessRegistry.reapOrphans(base)).isZero();
    }

    private static long finishedProcessPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor(5, TimeUnit.SECONDS);
        return process.pid();
    }
}
