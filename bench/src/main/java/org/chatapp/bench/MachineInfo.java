package org.chatapp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chatapp.redis.local.RedisServerBinary;

/** What the report says about the machine it ran on. */
final class MachineInfo {

    private MachineInfo() {
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    static String redisVersion() {
        try {
            return RedisServerBinary.locate().version();
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
