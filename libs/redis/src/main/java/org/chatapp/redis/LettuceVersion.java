package org.chatapp.redis;

import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lettuce on the classpath and the one this library needs. Dependency management elsewhere
 * (Spring Boot 4.0 pins Lettuce 6.8, 4.1 pins 7.5) can replace the Lettuce the library was built
 * with without a word, and the mismatch would surface much later as a {@code NoSuchMethodError}
 * from whichever setting first reaches a newer method. {@link #requireSupported()} turns that into
 * one clear error before any client is made.
 */
public final class LettuceVersion {

    private static final Logger log = LoggerFactory.getLogger(LettuceVersion.class);

    private static final String REQUIRED = readRequired();
    private static final AtomicBoolean newerMajorReported = new AtomicBoolean();

    private LettuceVersion() {
    }

    /** Returns the Lettuce version this library was built and tested with, the lowest it accepts. */
    public static String required() {
        return REQUIRED;
    }

    /** Returns the version of the Lettuce on the classpath, when its jar says. */
    public static Optional<String> found() {
        String version = RedisClient.class.getPackage().getImplementationVersion();
        if (version == null) {
            version = versionFromPomProperties();
        }
        if (version == null) {
            return Optional.empty();
        }
        int commit = version.indexOf('/');   // "7.7.0.RELEASE/1960d49"
        return Optional.of(commit < 0 ? version : version.substring(0, commit));
    }

    /**
     * Throws when the Lettuce on the classpath is older than {@link #required()} or of an older
     * major version. A newer major version is logged once as untested; an unknown version (a
     * repackaged Lettuce without its manifest) is let through.
     *
     * @throws UnsupportedLettuceVersionException when the Lettuce found is too old
     */
    public static void requireSupported() {
        found().ifPresent(found -> {
            if (compare(found, REQUIRED) < 0) {
                throw new UnsupportedLettuceVersionException(found, REQUIRED);
            }
            if (major(found) > major(REQUIRED) && newerMajorReported.compareAndSet(false, true)) {
                log.warn("chatapp-redis was built and tested with Lettuce {}; running on Lettuce {}, a newer major version",
                        REQUIRED, found);
            }
        });
    }

    /** Compares two Lettuce versions by their numeric parts ({@code 6.8.2.RELEASE} before {@code 7.7.0.RELEASE}). */
    static int compare(String left, String right) {
        int[] a = numbers(left);
        int[] b = numbers(right);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int difference = Integer.compare(i < a.length ? a[i] : 0, i < b.length ? b[i] : 0);
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }

    private static int major(String version) {
        int[] numbers = numbers(version);
        return numbers.length == 0 ? 0 : numbers[0];
    }

    private static int[] numbers(String version) {
        String[] parts = version.split("[.-]");
        int count = 0;
        while (count < parts.length && !parts[count].isEmpty() && parts[count].chars().allMatch(Character::isDigit)) {
            count++;
        }
        int[] numbers = new int[count];
        for (int i = 0; i < count; i++) {
            numbers[i] = Integer.parseInt(parts[i]);
        }
        return numbers;
    }

    private static String versionFromPomProperties() {
        try (InputStream in = RedisClient.class.getResourceAsStream("/META-INF/maven/io.lettuce/lettuce-core/pom.properties")) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }

    private static String readRequired() {
        try (InputStream in = LettuceVersion.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("org/chatapp/redis/build.properties is missing from chatapp-redis");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("lettuce.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
