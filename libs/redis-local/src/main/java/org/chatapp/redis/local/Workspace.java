package org.chatapp.redis.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one directory on this machine where the module keeps its state: a directory per setup,
 * the extracted fallback binary and the records that let a later JVM reap orphaned processes.
 */
final class Workspace {

    private Workspace() {
    }

    /** Returns {@code ${java.io.tmpdir}/chatapp-redis-local}, created if missing. */
    static Path base() {
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "chatapp-redis-local");
        try {
            return Files.createDirectories(base);
        } catch (IOException e) {
            throw new LocalRedisException("Cannot create the working directory " + base + ": " + e, e);
        }
    }

    /** Creates a fresh directory for one setup, e.g. {@code cluster-1234567}, under {@link #base()}. */
    static Path newSetupDirectory(String mode) {
        try {
            return Files.createTempDirectory(base(), mode + "-");
        } catch (IOException e) {
            throw new LocalRedisException("Cannot create a directory for a " + mode + " setup under " + base() + ": " + e, e);
        }
    }

    /** Deletes a directory and everything in it; a file that is already gone is no failure. */
    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                    if (failure instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw failure;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }
}
