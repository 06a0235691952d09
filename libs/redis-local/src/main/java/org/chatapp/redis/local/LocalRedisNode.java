package org.chatapp.redis.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local {@code redis-server} process (a data node or a sentinel) with the tools to talk to it
 * and to break it on purpose: kill, pause, resume, restart and stop.
 *
 * <p>Each node lives in its own directory holding its config file, its log file and, for cluster
 * nodes, the {@code nodes.conf} that lets a restarted node rejoin its cluster.
 */
public final class LocalRedisNode {

    static final String HOST = "127.0.0.1";
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(2);
    /** How long a readiness poll waits for replicas to acknowledge its write before it tries again. */
    static final Duration REPLICATION_CHECK_WAIT = Duration.ofMillis(500);
    /** The key a readiness poll writes and deletes at once. */
    static final String REPLICATION_CHECK_KEY = "{chatapp-redis-local}:replication-check";

    private static final Logger log = LoggerFactory.getLogger(LocalRedisNode.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(5);
    private static final Duration EXIT_DEADLINE = Duration.ofSeconds(10);
    private static final Duration READY_POLL_INTERVAL = Duration.ofMillis(20);
    // Short, because whatever holds the port without answering (a foreign listener, a node still
    // loading) would otherwise stall the check for the process having exited.
    private static final Duration READY_PING_TIMEOUT = Duration.ofSeconds(1);
    private static final int PORT_ATTEMPTS = 5;

    private final NodeSpec spec;
    private final Path configFile;
    // Moves out of the node's directory when its setup is closed (see NodeLogs).
    private volatile Path logFile;
    private volatile int port;
    private volatile Process process;
    private volatile boolean paused;

    private LocalRedisNode(NodeSpec spec) {
        this.spec = spec;
        this.configFile = spec.directory().resolve(spec.role().configFileName());
        this.logFile = spec.directory().resolve("redis.log");
    }

    /**
     * Starts a node and waits until it answers {@code PING}; when its port was picked and is
     * taken before the server binds it, starts it again on another port.
     *
     * @throws LocalRedisException if the node does not start, with the end of its log
     */
    static LocalRedisNode start(NodeSpec spec) {
        LocalRedisNode node = new LocalRedisNode(spec);
        try {
            Files.createDirectories(spec.directory());
        } catch (IOException e) {
            throw new LocalRedisException("Cannot create the directory of " + spec.name() + ": " + e, e);
        }
        NodeLogs.register(node);
        int attempts = spec.fixedPort() > 0 ? 1 : PORT_ATTEMPTS;
        for (int attempt = 1; ; attempt++) {
            node.port = spec.fixedPort() > 0 ? spec.fixedPort() : FreePorts.pick(spec.role().needsClusterBus());
            node.writeFreshConfig();
            try {
                node.launch();
                return node;
            } catch (PortTaken taken) {
                if (attempt == attempts) {
                    throw taken;
                }
                log.debug("Port {} was taken before {} could bind it, trying another one", node.port, spec.name());
            }
        }
    }

    /** Returns the host the node listens on, always {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    /** Returns the port the node listens on. */
    public int port() {
        return port;
    }

    /** Returns {@code 127.0.0.1:<port>}. */
    public String address() {
        return HOST + ":" + port;
    }

    /**
     * Returns the process id of the current (or last) process of this node.
     *
     * @throws IllegalStateException if the node was never started
     */
    public long pid() {
        return requireProcess().pid();
    }

    /** Returns the node's own directory, which holds its config, log and cluster state. */
    public Path directory() {
        return spec.directory();
    }

    /**
     * Returns the file that receives the node's log and its standard output and error; once its
     * setup is closed, the copy kept under {@code ${java.io.tmpdir}/chatapp-redis-local/logs}.
     */
    public Path logFile() {
        return logFile;
    }

    /** Returns whether the process is running, which includes being paused. */
    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /**
     * Kills the process with SIGKILL and waits until it is gone; does nothing if it is not running.
     *
     * @throws LocalRedisException if the process does not exit within 10 s
     */
    public void kill() {
        Process current = process;
        if (current == null) {
            return;
        }
        current.destroyForcibly();
        awaitExit(current, EXIT_DEADLINE);
        paused = false;
        ProcessRegistry.unregister(current);
    }

    /**
     * Freezes the process with SIGSTOP: it keeps its port but answers nothing, like a hung server.
     *
     * @throws IllegalStateException if the node is not running
     * @throws LocalRedisException if the signal cannot be sent
     */
    public void pause() {
        signal("STOP");
        paused = true;
    }

    /**
     * Lets a paused process run again with SIGCONT.
     *
     * @throws IllegalStateException if the node is not running
     * @throws LocalRedisException if the signal cannot be sent
     */
    public void resume() {
        signal("CONT");
        paused = false;
    }

    /**
     * Stops the node if it runs, then starts it again on the same port with the same directory and
     * config, and waits until it answers {@code PING}. A cluster node keeps its {@code nodes.conf}
     * and so rejoins its cluster; use {@link LocalRedisCluster#awaitHealthy(Duration)} to wait for that.
     *
     * @throws LocalRedisException if it does not start, e.g. because another process took its port
     */
    public synchronized void restart() {
        if (isAlive()) {
            stop();
        }
        launch();
    }

    /**
     * Shuts the node down with {@code SHUTDOWN NOSAVE} and kills it if it is still running after a
     * short deadline; does nothing if it is not running.
     */
    public void stop() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            kill();
            return;
        }
        if (paused) {
            resume();
        }
        boolean shuttingDown;
        try (RespConnection connection = connect(POLL_TIMEOUT)) {
            connection.command(List.of("SHUTDOWN", "NOSAVE"));
            shuttingDown = false;
        } catch (IOException closedByShutdown) {
            // The expected outcome: the server closes the connection instead of replying.
            shuttingDown = true;
        } catch (LocalRedisException refused) {
            shuttingDown = false;
        }
        if (!shuttingDown || !waitFor(current, STOP_DEADLINE)) {
            log.debug("{} did not shut down gracefully, killing it", this);
        }
        kill();
    }

    /**
     * Runs one command and returns its reply: a {@link String} for simple and bulk strings, a
     * {@link Long} for integers, a {@code List<Object>} for arrays and {@code null} for nil.
     * On a data node it authenticates first when the setup has a password or ACL user (as that
     * user); sentinels have no password.
     *
     * @throws LocalRedisException if the server replies with an error (the message is the
     *         server's), or if the node cannot be reached or does not reply within 10 s
     */
    public Object command(String... arguments) {
        return commandWithin(COMMAND_TIMEOUT, arguments);
    }

    /**
     * Runs commands one after another on one connection and returns their replies in order, each
     * decoded as by {@link #command(String...)}. Use it where a command's meaning depends on the
     * connection: a {@code WAIT} counts the replicas that acknowledged the writes made earlier on
     * its own connection, so after {@code command("SET", ...)} a separate {@code command("WAIT", ...)}
     * has no write to wait for and answers at once with every connected replica.
     *
     * @throws LocalRedisException if the server replies to any of them with an error, or if the
     *         node cannot be reached or a reply does not come within 10 s
     */
    public List<Object> commands(List<List<String>> commands) {
        if (commands.isEmpty() || commands.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("give at least one command, each with at least its name");
        }
        List<Object> replies = new ArrayList<>();
        try (RespConnection connection = connect(COMMAND_TIMEOUT)) {
            for (List<String> command : commands) {
                replies.add(connection.command(command));
            }
            return replies;
        } catch (IOException e) {
            throw new LocalRedisException("Cannot run " + commands.get(replies.size()).get(0) + " on " + this + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Writes and deletes a key, then waits up to {@code timeout} for {@code replicas} replicas to
     * acknowledge both, and returns how many did: proof that the master streams to them, which a
     * replica's {@code master_link_status:up} alone is not (Redis 7 starts the stream to a replica
     * fresh from a diskless sync only once it has read the replica's first acknowledgement).
     */
    long acknowledgedReplicas(String key, int replicas, Duration timeout) {
        List<Object> replies = commands(List.of(
                List.of("SET", key, "replication-check"),
                List.of("DEL", key),
                List.of("WAIT", Integer.toString(replicas), Long.toString(timeout.toMillis()))));
        return (Long) replies.get(2);
    }

    /**
     * Returns the text of {@code INFO <section>}.
     *
     * @throws LocalRedisException if the node cannot be reached or rejects the section
     */
    public String info(String section) {
        return (String) command("INFO", section);
    }

    @Override
    public String toString() {
        return spec.name() + " " + address() + (spec.role() == NodeSpec.Role.SENTINEL ? " (sentinel)" : "");
    }

    /** Like {@link #command(String...)} but waits at most {@code readTimeout} for the reply. */
    Object commandWithin(Duration readTimeout, String... arguments) {
        if (arguments.length == 0) {
            throw new IllegalArgumentException("a command needs at least its name");
        }
        try (RespConnection connection = connect(readTimeout)) {
            return connection.command(Arrays.asList(arguments));
        } catch (IOException e) {
            throw new LocalRedisException("Cannot run " + arguments[0] + " on " + this + ": " + e.getMessage(), e);
        }
    }

    /** Returns the {@code key:value} fields of an {@code INFO} section, read with the short poll timeout. */
    Map<String, String> infoFields(String section) {
        return parseFields((String) commandWithin(POLL_TIMEOUT, "INFO", section));
    }

    /** Returns the {@code key:value} lines of an {@code INFO} or {@code CLUSTER INFO} reply as a map. */
    static Map<String, String> parseFields(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    /** Returns whether the node is running and not paused, so it can answer commands. */
    boolean isReachable() {
        return isAlive() && !paused;
    }

    boolean isPaused() {
        return paused;
    }

    String name() {
        return spec.name();
    }

    private RespConnection connect(Duration readTimeout) throws IOException {
        Credentials credentials = spec.credentials();
        return RespConnection.open(HOST, port, credentials, CONNECT_TIMEOUT, readTimeout);
    }

    private void writeFreshConfig() {
        ServerConfig config = ServerConfig.base(port, spec.directory(), logFile).append(spec.roleConfig());
        try {
            Files.writeString(configFile, config.render(), StandardCharsets.UTF_8);
            // A retry on another port starts with an empty log, so its tail shows only this attempt.
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            throw new LocalRedisException("Cannot write " + configFile + ": " + e, e);
        }
    }

    // Starts the process from the config file as it is now: on a restart that file may have been
    // rewritten by the server itself (a sentinel's state, or CONFIG REWRITE after a failover).
    private void launch() {
        List<String> command = new ArrayList<>(List.of(spec.binary().path().toString(), configFile.toString()));
        if (spec.role() == NodeSpec.Role.SENTINEL) {
            command.add("--sentinel");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(spec.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Process started;
        try {
            started = builder.start();
        } catch (IOException e) {
            throw new LocalRedisException("Cannot start " + spec.binary() + " for " + spec.name() + ": " + e.getMessage(), e);
        }
        try {
            started.getOutputStream().close();
        } catch (IOException ignored) {
            // Nothing is ever written to redis-server's standard input.
        }
        process = started;
        paused = false;
        ProcessRegistry.register(started);
        try {
            awaitReady(started);
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
        log.debug("Started {} (pid {})", this, started.pid());
    }

    private void awaitReady(Process started) {
        long deadline = System.nanoTime() + spec.startupTimeout().toNanos();
        String lastFailure = "no answer yet";
        while (true) {
            if (!started.isAlive()) {
                awaitExit(started, EXIT_DEADLINE);
                String tail = logTail();
                String message = this + " exited with code " + started.exitValue() + " during startup";
                if (tail.contains("Address already in use")) {
                    throw new PortTaken(message + ": port taken" + tailForMessage(tail));
                }
                throw new LocalRedisException(message + tailForMessage(tail));
            }
            try (RespConnection connection = connect(READY_PING_TIMEOUT)) {
                if ("PONG".equals(connection.command(List.of("PING")))) {
                    return;
                }
            } catch (IOException | LocalRedisException e) {
                lastFailure = e.getMessage();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new LocalRedisException(this + " did not answer PING within "
                        + Polling.describe(spec.startupTimeout()) + " (last: " + lastFailure + ")" + tailForMessage(logTail()));
            }
            Polling.pause(READY_POLL_INTERVAL, this + " to answer PING");
        }
    }

    private void signal(String signal) {
        Process current = requireProcess();
        if (!current.isAlive()) {
            throw new IllegalStateException(this + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(current.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new LocalRedisException("kill -" + signal + " " + current.pid() + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new LocalRedisException("Cannot run kill -" + signal + " for " + this + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalRedisException("Interrupted while sending SIG" + signal + " to " + this, e);
        }
    }

    private Process requireProcess() {
        Process current = process;
        if (current == null) {
            throw new IllegalStateException(spec.name() + " was never started");
        }
        return current;
    }

    private void awaitExit(Process target, Duration timeout) {
        if (!waitFor(target, timeout)) {
            throw new LocalRedisException(this + " (pid " + target.pid() + ") did not exit within " + Polling.describe(timeout));
        }
    }

    private static boolean waitFor(Process target, Duration timeout) {
        try {
            return target.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalRedisException("Interrupted while waiting for pid " + target.pid() + " to exit", e);
        }
    }

    /** Returns the last lines of the log file, or an empty string if there is none. */
    String logTail() {
        return Files.exists(logFile) ? NodeLogs.tail(logFile, NodeLogs.TAIL_LINES) : "";
    }

    /** Moves the log of a node that is no longer running out of its directory, which is about to be deleted. */
    void keepLog(String keptName) {
        logFile = NodeLogs.keep(logFile, keptName);
    }

    private String tailForMessage(String tail) {
        return tail.isBlank() ? "; " + logFile + " is empty" : "; last lines of " + logFile + ":\n" + tail;
    }

    /** A start that failed because another process bound the picked port first. */
    static final class PortTaken extends LocalRedisException {

        private static final long serialVersionUID = 1L;

        PortTaken(String message) {
            super(message);
        }
    }
}
