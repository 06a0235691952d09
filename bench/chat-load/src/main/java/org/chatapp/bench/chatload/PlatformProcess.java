package org.chatapp.bench.chatload;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import jdk.management.jfr.FlightRecorderMXBean;

/**
 * One instance of the platform: chat-local's runnable jar in a JVM of its own, as a deployment runs
 * it, its output in a log file. Its heap and its flight recorder are reached over JMX (the attach
 * API starts the local agent), so that what it holds is measured apart from the load generator's
 * WebSocket clients.
 */
final class PlatformProcess implements AutoCloseable {

    /** The same heap for both instances and every run, so that GC work compares; far above what the run keeps live. */
    static final String HEAP = "-Xmx1g";
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private JMXConnector jmx;
    private MemoryMXBean memory;
    private FlightRecorderMXBean recorder;
    private long recording = -1;

    private PlatformProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the jar with {@code --server.port} on a free port and the given arguments, and returns once
     * its readiness probe answers 200.
     *
     * @throws IllegalStateException when it exits or is not ready within the time (the process is stopped)
     */
    static PlatformProcess start(String name, Path jar, Path workDirectory, List<String> arguments, Duration within) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("chat-local's jar is not at " + jar.toAbsolutePath()
                    + "; build it (./mvnw install -DskipTests -pl bench/chat-load -am) or pass --platform-jar");
        }
        int port = freePort();
        Path log = workDirectory.resolve(name.replace(' ', '-') + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(HEAP);
        // The collector's pauses, with UTC and uptime stamps, beside the log: what a step's timeline can be laid against.
        command.add("-Xlog:gc:file=" + workDirectory.resolve(name.replace(' ', '-') + "-gc.log").toAbsolutePath() + ":utctime,uptime,level,tags");
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.add("--server.port=" + port);
        command.addAll(arguments);
        Process process;
        try {
            Files.createDirectories(workDirectory);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException(name + " did not start: " + e.getMessage(), e);
        }
        PlatformProcess platform = new PlatformProcess(name, process, port, log);
        try {
            platform.awaitReady(within);
            platform.connectJmx();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    URI socketBase() {
        return URI.create("ws://127.0.0.1:" + port);
    }

    Path log() {
        return log;
    }

    /** Returns the heap in use after full collections: what the process keeps live. */
    long heapUsedAfterGc() {
        long least = Long.MAX_VALUE;
        // A collection can leave what a finalizer or a reference queue frees for the next one: the least of three.
        for (int i = 0; i < 3; i++) {
            memory.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    /** Starts a flight recording with the JDK's "profile" settings (execution samples every 10 ms per thread). */
    void startProfile() {
        recording = recorder.newRecording();
        recorder.setPredefinedConfiguration(recording, "profile");
        recorder.startRecording(recording);
    }

    /** Stops the recording and writes it to the file (the process writes it: same machine). */
    Path stopProfile(Path file) {
        try {
            recorder.stopRecording(recording);
            recorder.copyTo(recording, file.toAbsolutePath().toString());
            recorder.closeRecording(recording);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(name + "'s flight recording was not written to " + file + ": " + e.getMessage(), e);
        } finally {
            recording = -1;
        }
    }

    private void awaitReady(Duration within) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(base().resolve("/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; see " + log.toAbsolutePath());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + name + " started", e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
        throw new IllegalStateException(name + " was not ready within " + within + "; see " + log.toAbsolutePath());
    }

    private void connectJmx() {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(process.pid()));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            jmx = JMXConnectorFactory.connect(new JMXServiceURL(address));
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
            recorder = JMX.newMXBeanProxy(server, new ObjectName(FlightRecorderMXBean.MXBEAN_NAME), FlightRecorderMXBean.class);
        } catch (Exception e) {
            throw new IllegalStateException("could not attach to " + name + " (pid " + process.pid() + "): " + e, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e.getMessage(), e);
        }
    }

    /** Stops the process as Ctrl-C does (chat-local then stops its services), forcibly after {@link #STOP_WAIT}. */
    @Override
    public void close() {
        if (jmx != null) {
            try {
                jmx.close();
            } catch (IOException e) {
                // The process goes away next anyway.
            }
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", port " + port + ")";
    }
}
