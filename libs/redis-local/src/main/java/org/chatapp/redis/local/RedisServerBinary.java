package org.chatapp.redis.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code redis-server} executable to start nodes with: the one named by the system property
 * {@value #BINARY_PROPERTY}, the one on the {@code PATH}, or the one bundled in the embedded-redis
 * jar for this operating system and CPU.
 */
public final class RedisServerBinary {

    /** System property naming the redis-server executable to use instead of looking on the {@code PATH}. */
    public static final String BINARY_PROPERTY = "chatapp.redis.local.binary";

    /** The value of {@value #BINARY_PROPERTY} that picks the bundled binary even when one is on the PATH. */
    public static final String EMBEDDED = "embedded";

    private static final String INSTALL_HINT = "Install Redis (e.g. 'apt-get install redis-server' or "
            + "'brew install redis') or point -D" + BINARY_PROPERTY + " at a redis-server executable.";
    private static final Pattern VERSION = Pattern.compile("v=(\\d+\\.\\d+\\.\\d+)");
    private static RedisServerBinary embedded;

    private final Path path;
    private final boolean isEmbedded;
    private volatile String version;

    private RedisServerBinary(Path path, boolean isEmbedded) {
        this.path = path;
        this.isEmbedded = isEmbedded;
    }

    /**
     * Returns the binary to use by default: the system property {@value #BINARY_PROPERTY} if set
     * (a path, or {@code embedded} for the bundled binary), else {@code redis-server} on the
     * {@code PATH}, else the embedded fallback.
     *
     * @throws IllegalStateException if the property names no executable file, or if nothing is on
     *         the {@code PATH} and no binary is bundled for this platform
     */
    public static RedisServerBinary locate() {
        return locate(System.getProperty(BINARY_PROPERTY), System.getenv("PATH"),
                System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /** Does what {@link #locate()} does, with the property, {@code PATH} and platform passed in. */
    static RedisServerBinary locate(String configured, String pathVariable, String osName, String osArch) {
        if (EMBEDDED.equals(configured)) {
            return embedded();
        }
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured).toAbsolutePath();
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new IllegalStateException("-D" + BINARY_PROPERTY + "=" + configured
                        + " does not name an executable file.");
            }
            return new RedisServerBinary(path, false);
        }
        Optional<Path> onPath = findOnPath(pathVariable, executableName(osName));
        if (onPath.isPresent()) {
            return new RedisServerBinary(onPath.get(), false);
        }
        if (bundledResource(osName, osArch).isEmpty()) {
            throw new IllegalStateException("redis-server was not found on the PATH and no bundled redis-server "
                    + "exists for " + osName + "/" + osArch + ". " + INSTALL_HINT);
        }
        return embedded();
    }

    /**
     * Returns the binary bundled in the embedded-redis jar for this operating system and CPU,
     * extracted once per JVM into the module's working directory and made executable.
     *
     * @throws IllegalStateException if no binary is bundled for this platform or the jar is missing
     */
    public static synchronized RedisServerBinary embedded() {
        if (embedded == null) {
            String resource = bundledResource(System.getProperty("os.name"), System.getProperty("os.arch"))
                    .orElseThrow(() -> new IllegalStateException(
                            "No bundled redis-server exists for " + platform() + ". " + INSTALL_HINT));
            embedded = new RedisServerBinary(extract(resource), true);
        }
        return embedded;
    }

    /** Returns the absolute path of the executable. */
    public Path path() {
        return path;
    }

    /**
     * Returns the server version, e.g. {@code 7.0.15}, from {@code redis-server --version}.
     *
     * @throws LocalRedisException if the binary cannot be run or prints no version
     */
    public String version() {
        String known = version;
        if (known == null) {
            known = parseVersion(run("--version"));
            version = known;
        }
        return known;
    }

    /** Returns whether this is the fallback binary from the embedded-redis jar. */
    public boolean isEmbedded() {
        return isEmbedded;
    }

    @Override
    public String toString() {
        return (isEmbedded ? "embedded redis-server " : "redis-server ") + path;
    }

    /** Returns e.g. {@code redis-server 7.0.15 at /usr/bin/redis-server}, for the log line of a ready setup. */
    String describe() {
        String knownVersion;
        try {
            knownVersion = version();
        } catch (LocalRedisException e) {
            knownVersion = "(unknown version)";
        }
        return (isEmbedded ? "embedded redis-server " : "redis-server ") + knownVersion + " at " + path;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RedisServerBinary binary && binary.path.equals(path) && binary.isEmbedded == isEmbedded;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, isEmbedded);
    }

    /** Returns the version in the output of {@code redis-server --version}. */
    static String parseVersion(String output) {
        Matcher matcher = VERSION.matcher(output);
        if (!matcher.find()) {
            throw new LocalRedisException("No version (v=X.Y.Z) in the output of redis-server --version: " + output.strip());
        }
        return matcher.group(1);
    }

    /**
     * Returns the name of the binary bundled in embedded-redis 1.4.3 for the given {@code os.name}
     * and {@code os.arch}, if there is one.
     */
    static Optional<String> bundledResource(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            default -> "";
        };
        if (os.contains("linux")) {
            return switch (arch) {
                case "amd64" -> Optional.of("redis-server-6.2.6-v5-linux-amd64");
                case "arm64" -> Optional.of("redis-server-6.2.7-linux-arm64");
                case "386" -> Optional.of("redis-server-6.2.7-linux-386");
                default -> Optional.empty();
            };
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return switch (arch) {
                case "amd64" -> Optional.of("redis-server-6.2.6-v5-darwin-amd64");
                case "arm64" -> Optional.of("redis-server-6.2.6-v5-darwin-arm64");
                default -> Optional.empty();
            };
        }
        if (os.contains("windows") && arch.equals("amd64")) {
            return Optional.of("redis-server-5.0.14.1-windows-amd64.exe");
        }
        return Optional.empty();
    }

    /** Returns the first executable file with this name in the directories of a {@code PATH} value. */
    static Optional<Path> findOnPath(String pathVariable, String executableName) {
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String directory : pathVariable.split(File.pathSeparator)) {
            if (directory.isBlank()) {
                continue;
            }
            Path candidate = Path.of(directory, executableName);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static String executableName(String osName) {
        return osName.toLowerCase(Locale.ROOT).contains("windows") ? "redis-server.exe" : "redis-server";
    }

    private static String platform() {
        return System.getProperty("os.name") + "/" + System.getProperty("os.arch");
    }

    // The extracted file is shared by all JVMs of this user: it is written under a temporary name
    // and moved into place atomically, so no JVM ever executes a half-written binary.
    private static Path extract(String resource) {
        Path target = Workspace.base().resolve("bin").resolve(resource);
        if (Files.isExecutable(target)) {
            return target;
        }
        try (InputStream in = RedisServerBinary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The bundled " + resource + " is not on the classpath; "
                        + "add com.github.codemonstur:embedded-redis:1.4.3 or " + INSTALL_HINT);
            }
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), resource + "-", ".partial");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                if (!partial.toFile().setExecutable(true, false)) {
                    throw new IOException("cannot make " + partial + " executable");
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot extract the bundled " + resource + " to " + target + ": " + e, e);
        }
    }

    private String run(String argument) {
        try {
            Process process = new ProcessBuilder(path.toString(), argument).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new LocalRedisException(path + " " + argument + " did not finish within 10 s");
            }
            return output;
        } catch (IOException e) {
            throw new LocalRedisException("Cannot run " + path + " " + argument + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalRedisException("Interrupted while running " + path + " " + argument, e);
        }
    }
}
