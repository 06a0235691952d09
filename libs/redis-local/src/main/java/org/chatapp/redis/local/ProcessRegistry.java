package org.chatapp.redis.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure no redis-server outlives its use: one shutdown hook kills every live process of this
 * JVM, and a record file per JVM lets the next JVM kill what a JVM killed with SIGKILL left behind.
 *
 * <p>The record {@code jvm-<pid>.pids} in the {@link Workspace} holds lines {@code jvm <pid>
 * <startMillis>}, {@code node <pid> <startMillis>} and {@code dir <path>}. Start times guard
 * against pids the system has reused since.
 */
final class ProcessRegistry {

    private static final Logger log = LoggerFactory.getLogger(ProcessRegistry.class);
    private static final String RECORD_PREFIX = "jvm-";
    private static final String RECORD_SUFFIX = ".pids";
    private static final Duration START_TIME_TOLERANCE = Duration.ofSeconds(1);

    private static final Set<Process> processes = new LinkedHashSet<>();
    private static final Set<Path> directories = new LinkedHashSet<>();
    private static boolean initialized;

    private ProcessRegistry() {
    }

    /** Tracks a started process until {@link #unregister(Process)} or JVM exit. */
    static void register(Process process) {
        synchronized (ProcessRegistry.class) {
            initializeOnce();
            processes.add(process);
            writeRecord();
        }
    }

    static void unregister(Process process) {
        synchronized (ProcessRegistry.class) {
            if (processes.remove(process)) {
                writeRecord();
            }
        }
    }

    /** Tracks a setup directory so it is deleted at JVM exit, or by the next JVM if this one dies. */
    static void registerDirectory(Path directory) {
        synchronized (ProcessRegistry.class) {
            initializeOnce();
            directories.add(directory);
            writeRecord();
        }
    }

    static void unregisterDirectory(Path directory) {
        synchronized (ProcessRegistry.class) {
            if (directories.remove(directory)) {
                writeRecord();
            }
        }
    }

    private static void initializeOnce() {
        if (initialized) {
            return;
        }
        initialized = true;
        reapOrphans(Workspace.base());
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessRegistry::killEverything, "chatapp-redis-local-shutdown"));
    }

    private static void killEverything() {
        List<Process> live;
        List<Path> dirs;
        synchronized (ProcessRegistry.class) {
            live = new ArrayList<>(processes);
            dirs = new ArrayList<>(directories);
        }
        live.forEach(Process::destroyForcibly);
        for (Process process : live) {
            try {
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Path dir : dirs) {
            try {
                Workspace.deleteRecursively(dir);
            } catch (RuntimeException ignored) {
                // Best effort while the JVM goes down; the next JVM's reaper retries.
            }
        }
        try {
            Files.deleteIfExists(recordFile(Workspace.base(), ProcessHandle.current().pid()));
        } catch (IOException | RuntimeException ignored) {
            // Same: a stale record of a finished JVM is reaped by the next one.
        }
    }

    private static void writeRecord() {
        StringBuilder text = new StringBuilder();
        ProcessHandle self = ProcessHandle.current();
        text.append("jvm ").append(self.pid()).append(' ').append(startMillis(self)).append('\n');
        for (Process process : processes) {
            ProcessHandle handle = process.toHandle();
            text.append("node ").append(handle.pid()).append(' ').append(startMillis(handle)).append('\n');
        }
        for (Path directory : directories) {
            text.append("dir ").append(directory.toAbsolutePath()).append('\n');
        }
        Path base = Workspace.base();
        Path record = recordFile(base, self.pid());
        try {
            Path partial = Files.createTempFile(base, "partial-", RECORD_SUFFIX + ".tmp");
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Only the reaping of a later JVM depends on this file; the shutdown hook still works.
            log.warn("Cannot write the process record {}: {}", record, e.toString());
        }
    }

    /**
     * Kills the redis-server processes and deletes the directories recorded by JVMs that are gone,
     * then deletes their records; returns how many processes it killed.
     */
    static int reapOrphans(Path base) {
        int killed = 0;
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> records = Files.newDirectoryStream(base, RECORD_PREFIX + "*" + RECORD_SUFFIX)) {
            for (Path record : records) {
                try {
                    killed += reapIfOrphaned(record, self);
                } catch (RuntimeException unreadable) {
                    log.debug("Skipping unreadable process record {}: {}", record, unreadable.toString());
                }
            }
        } catch (IOException e) {
            log.warn("Cannot look for orphaned redis-server processes in {}: {}", base, e.toString());
        }
        return killed;
    }

    private static int reapIfOrphaned(Path record, long self) {
        List<String> lines;
        try {
            lines = Files.readAllLines(record, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return 0;
        }
        if (lines.isEmpty()) {
            return 0;
        }
        String[] jvm = lines.get(0).split(" ");
        if (jvm.length != 3 || !"jvm".equals(jvm[0])) {
            return 0;
        }
        long jvmPid = Long.parseLong(jvm[1]);
        if (jvmPid == self || isRunning(jvmPid, Long.parseLong(jvm[2]))) {
            return 0;
        }
        int killed = 0;
        List<Path> orphanedDirectories = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(" ", 3);
            if ("node".equals(fields[0]) && fields.length == 3
                    && killIfOrphanedRedis(Long.parseLong(fields[1]), Long.parseLong(fields[2]))) {
                killed++;
            } else if ("dir".equals(fields[0]) && fields.length >= 2) {
                orphanedDirectories.add(Path.of(line.substring("dir ".length())));
            }
        }
        for (Path directory : orphanedDirectories) {
            try {
                Workspace.deleteRecursively(directory);
            } catch (RuntimeException e) {
                log.debug("Cannot delete orphaned directory {}: {}", directory, e.toString());
            }
        }
        try {
            Files.deleteIfExists(record);
        } catch (IOException ignored) {
            // Another JVM reaping at the same moment may have deleted it.
        }
        if (killed > 0) {
            log.info("Killed {} redis-server process(es) left behind by JVM {}, which is gone", killed, jvmPid);
        }
        return killed;
    }

    private static boolean killIfOrphanedRedis(long pid, long startMillis) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !sameStart(handle.get(), startMillis) || !isRedisServer(handle.get())) {
            return false;
        }
        handle.get().destroyForcibly();
        try {
            handle.get().onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        return true;
    }

    private static boolean isRunning(long pid, long startMillis) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> sameStart(h, startMillis)).isPresent();
    }

    private static boolean sameStart(ProcessHandle handle, long recordedMillis) {
        long actual = startMillis(handle);
        // Unknown start times (0) cannot prove a reused pid, so they count as the same process.
        return actual == 0 || recordedMillis == 0 || Math.abs(actual - recordedMillis) <= START_TIME_TOLERANCE.toMillis();
    }

    private static boolean isRedisServer(ProcessHandle handle) {
        ProcessHandle.Info info = handle.info();
        if (info.command().orElse("").contains("redis-server") || info.commandLine().orElse("").contains("redis-server")) {
            return true;
        }
        // On Linux the JDK reports no command line once redis-server has rewritten it to its
        // process title ("redis-server 127.0.0.1:port"), and Debian's redis-server is a symlink
        // to redis-check-rdb, so the executable does not tell either: /proc does.
        Path proc = Path.of("/proc", Long.toString(handle.pid()));
        for (String file : List.of("cmdline", "comm")) {
            try {
                if (new String(Files.readAllBytes(proc.resolve(file)), StandardCharsets.UTF_8).contains("redis-server")) {
                    return true;
                }
            } catch (IOException | RuntimeException notLinuxOrGone) {
                // Not Linux, or the process is gone: either way nothing to prove it is redis-server.
            }
        }
        return false;
    }

    private static long startMillis(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    static Path recordFile(Path base, long jvmPid) {
        return base.resolve(RECORD_PREFIX + jvmPid + RECORD_SUFFIX);
    }
}
