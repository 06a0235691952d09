package org.chatapp.redis.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The settings every setup builder shares (binary, password, ACL user, extra config, startup
 * timeout), validated when set and turned into node specs and config lines.
 */
final class SetupOptions {

    static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(20);

    // Lines the harness itself depends on to find, watch and clean up the process.
    private static final Set<String> MANAGED_CONFIG = Set.of(
            "port", "bind", "dir", "logfile", "daemonize", "cluster-enabled", "cluster-config-file", "include");

    private RedisServerBinary binary;
    private String password;
    private String aclUsername;
    private String aclPassword;
    private final ServerConfig extraConfig = new ServerConfig();
    private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

    void binary(RedisServerBinary binary) {
        this.binary = Objects.requireNonNull(binary, "binary");
    }

    void password(String password) {
        this.password = requireSecret(password, "password");
    }

    void aclUser(String username, String password) {
        if (username == null || username.isBlank() || username.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("ACL user name must be one non-blank word but was '" + username + "'");
        }
        if (username.equals("default")) {
            throw new IllegalArgumentException("the default user is configured with password(...), not aclUser(...)");
        }
        this.aclUsername = username;
        this.aclPassword = requireSecret(password, "ACL user password");
    }

    void config(String name, String... values) {
        Objects.requireNonNull(name, "name");
        if (MANAGED_CONFIG.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("config '" + name + "' is set by LocalRedis itself"
                    + (name.equalsIgnoreCase("port") ? "; use port(int) on the standalone builder" : ""));
        }
        for (String value : values) {
            Objects.requireNonNull(value, () -> "a value of config '" + name + "' is null");
        }
        extraConfig.set(name, values);
    }

    void startupTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "startupTimeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("startupTimeout must be positive but was " + timeout);
        }
        this.startupTimeout = timeout;
    }

    Duration startupTimeout() {
        return startupTimeout;
    }

    boolean hasPassword() {
        return password != null;
    }

    boolean hasAclUser() {
        return aclUsername != null;
    }

    String password() {
        return password;
    }

    String aclUsername() {
        return aclUsername;
    }

    String aclPassword() {
        return aclPassword;
    }

    /** Returns the configured binary, or {@link RedisServerBinary#locate()} when none was set. */
    RedisServerBinary resolveBinary() {
        return binary != null ? binary : RedisServerBinary.locate();
    }

    /** Returns what clients authenticate with on data nodes: the ACL user if any, else the password. */
    Credentials dataNodeCredentials() {
        if (aclUsername != null) {
            return Credentials.user(aclUsername, aclPassword);
        }
        return password != null ? Credentials.password(password) : Credentials.NONE;
    }

    /**
     * Returns the lines a data node gets after the base ones: no persistence, authentication (for
     * clients, and for a replica towards its master), the lines of its role, and last the extra
     * {@code config(...)} lines so they can override all of these.
     */
    ServerConfig dataNodeConfig(ServerConfig roleLines) {
        ServerConfig config = ServerConfig.throwawayData();
        if (password != null) {
            config.set("requirepass", password);
        }
        if (aclUsername != null) {
            config.set("user", aclUsername, "on", ">" + aclPassword, "~*", "&*", "+@all");
            config.set("masteruser", aclUsername);
            config.set("masterauth", aclPassword);
        } else if (password != null) {
            config.set("masterauth", password);
        }
        return config.append(roleLines).append(extraConfig);
    }

    /** Returns the spec of a data node; its port is picked unless {@code fixedPort} is positive. */
    NodeSpec dataNode(String name, Path setupDirectory, RedisServerBinary resolvedBinary, NodeSpec.Role role,
            int fixedPort, ServerConfig roleConfig) {
        return new NodeSpec(name, setupDirectory.resolve(name), resolvedBinary, role, fixedPort, roleConfig,
                dataNodeCredentials(), startupTimeout);
    }

    private static String requireSecret(String secret, String what) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return secret;
    }
}
