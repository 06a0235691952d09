package org.chatapp.redis.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The log files of this JVM's nodes, kept after their setup is closed, so that a test that failed
 * after closing its own cluster can still show what the servers said.
 *
 * <p>Closed setups' logs go to {@code ${java.io.tmpdir}/chatapp-redis-local/logs}; the newest
 * {@value #KEPT_LOG_FILES} stay there, older ones are deleted as new ones arrive.
 */
final class NodeLogs {

    static final int KEPT_LOG_FILES = 200;
    static final int TAIL_LINES = 30;

    // Nodes in start order; bounded like the kept files, since a node whose log is gone has nothing to show.
    private static final Deque<LocalRedisNode> nodes = new ConcurrentLinkedDeque<>();

    private NodeLogs() {
    }

    static void register(LocalRedisNode node) {
        nodes.addLast(node);
        while (nodes.size() > KEPT_LOG_FILES) {
            nodes.pollFirst();
        }
    }

    /**
     * Moves a closed node's log out of its setup directory (which is deleted next) and deletes the
     * oldest kept logs beyond {@value #KEPT_LOG_FILES}.
     *
     * @return where the log is now, or the old path if it could not be moved
     */
    static Path keep(Path logFile, String keptName) {
        Path directory = directory();
        try {
            Files.createDirectories(directory);
            if (!Files.exists(logFile)) {
                return logFile;
            }
            Path kept = Files.move(logFile, directory.resolve(keptName), StandardCopyOption.REPLACE_EXISTING);
            prune(directory);
            return kept;
        } catch (IOException e) {
            // Keeping a log is a courtesy to whoever debugs a failure; it never fails a close.
            return logFile;
        }
    }

    /**
     * Returns, for every node of this JVM whose log was written at or after {@code since}, its name,
     * address, log path and last {@value #TAIL_LINES} lines; an empty string when there is none.
     */
    static String tailsWrittenSince(Instant since) {
        StringBuilder report = new StringBuilder();
        for (LocalRedisNode node : nodes) {
            Path logFile = node.logFile();
            if (writtenSince(logFile, since)) {
                report.append("--- ").append(node).append(", ").append(node.isAlive() ? "running" : "stopped")
                        .append(", ").append(logFile).append('\n')
                        .append(tail(logFile, TAIL_LINES)).append('\n');
            }
        }
        return report.toString();
    }

    /** Returns the last lines of a log file, or a note saying why there are none. */
    static String tail(Path logFile, int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "(" + logFile + " does not exist)";
            }
            String[] all = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).split("\r?\n");
            return String.join("\n", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    static Path directory() {
        return Workspace.base().resolve("logs");
    }

    private static boolean writtenSince(Path logFile, Instant since) {
        try {
            return Files.exists(logFile) && !Files.getLastModifiedTime(logFile).toInstant().isBefore(since);
        } catch (IOException e) {
            return false;
        }
    }

    private static void prune(Path directory) throws IOException {
        List<Path> logs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.log")) {
            files.forEach(logs::add);
        }
        if (logs.size() <= KEPT_LOG_FILES) {
            return;
        }
        logs.sort(Comparator.comparing(NodeLogs::lastModified));
        for (Path old : logs.subList(0, logs.size() - KEPT_LOG_FILES)) {
            Files.deleteIfExists(old);
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException gone) {
            return FileTime.fromMillis(0);
        }
    }
}
