package org.chatapp.bench.chatload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the platform JVMs spent their CPU in a flight recording: the execution samples (threads
 * running Java code) counted by the method on top of the stack, by the library that method
 * belongs to, and by thread pool. Time a thread spends in native code or blocked is not in it.
 */
final class Profile {

    /** A name and its share of the samples, in percent. */
    record Share(String name, double percent) {
    }

    /** What the recordings say, each list largest first. */
    record Summary(long samples, List<Share> topFrames, List<Share> libraries, List<Share> threads) {
    }

    /** Package prefixes and the library they mean, most specific first. */
    private static final List<Map.Entry<String, String>> LIBRARIES = List.of(Map.entry("org.chatapp.", "chatapp (services, library)"),
            Map.entry("io.lettuce.", "Lettuce"), Map.entry("io.netty.", "Netty"), Map.entry("org.apache.tomcat.", "Tomcat"),
            Map.entry("org.apache.catalina.", "Tomcat"), Map.entry("org.apache.coyote.", "Tomcat"), Map.entry("org.postgresql.", "PostgreSQL JDBC"),
            Map.entry("com.zaxxer.hikari.", "HikariCP"), Map.entry("tools.jackson.", "Jackson"), Map.entry("com.fasterxml.jackson.", "Jackson"),
            Map.entry("org.springframework.cloud.", "Spring Cloud Gateway"), Map.entry("org.springframework.", "Spring"),
            Map.entry("io.micrometer.", "Micrometer"), Map.entry("ch.qos.logback.", "Logback"), Map.entry("org.slf4j.", "Logback"),
            Map.entry("org.hibernate.", "Hibernate"), Map.entry("reactor.", "Reactor"), Map.entry("java.util.regex.", "JDK regex"),
            Map.entry("java.util.concurrent.", "JDK concurrency"), Map.entry("sun.nio.", "JDK I/O"), Map.entry("java.nio.", "JDK I/O"),
            Map.entry("java.net.", "JDK I/O"), Map.entry("java.", "JDK other"), Map.entry("jdk.", "JDK other"), Map.entry("sun.", "JDK other"));

    private Profile() {
    }

    static Summary read(List<Path> recordings, int top) {
        Map<String, Long> frames = new HashMap<>();
        Map<String, Long> libraries = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        long samples = 0;
        for (Path recording : recordings) {
            try (RecordingFile file = new RecordingFile(recording)) {
                while (file.hasMoreEvents()) {
                    RecordedEvent event = file.readEvent();
                    if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                            || event.getStackTrace().getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    RecordedFrame frame = event.getStackTrace().getFrames().get(0);
                    String type = frame.getMethod().getType().getName();
                    frames.merge(type + "." + frame.getMethod().getName(), 1L, Long::sum);
                    libraries.merge(library(type), 1L, Long::sum);
                    threads.merge(threadPool(event), 1L, Long::sum);
                }
            } catch (IOException e) {
                throw new IllegalStateException("the flight recording " + recording + " could not be read: " + e.getMessage(), e);
            }
        }
        return new Summary(samples, shares(frames, samples, top), shares(libraries, samples, top), shares(threads, samples, top));
    }

    private static String library(String type) {
        return LIBRARIES.stream().filter(entry -> type.startsWith(entry.getKey())).map(Map.Entry::getValue).findFirst().orElse("other");
    }

    /** Returns the thread's name with its numbers replaced, so that a pool's threads count as one ("http-nio-#-exec-#"). */
    private static String threadPool(RecordedEvent event) {
        var thread = event.getThread("sampledThread");
        String name = thread == null || thread.getJavaName() == null ? "(unnamed)" : thread.getJavaName();
        return name.replaceAll("\\d+", "#");
    }

    private static List<Share> shares(Map<String, Long> counts, long samples, int top) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(top)
                .map(entry -> new Share(entry.getKey(), 100.0 * entry.getValue() / Math.max(1, samples))).toList();
    }
}
