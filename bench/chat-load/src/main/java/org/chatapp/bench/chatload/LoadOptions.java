package org.chatapp.bench.chatload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one load run does, validated when built.
 *
 * @param connections WebSocket clients, one user each, half on each gateway
 * @param conversations conversations the users are split into; each has {@code connections / conversations} members
 * @param measure how long each step sends
 * @param warmUp how long the lowest rate is sent first, not reported, so that both JVMs have compiled the hot paths
 * @param runs how often every step is repeated; the report shows medians
 * @param messageRates messages per second each step sends, in order
 * @param platformJar chat-local's runnable jar, started twice
 * @param workDirectory where the platforms' logs and the profile go
 * @param profile whether one step more, after the runs, at the highest rate a step kept up with (else the lowest), is recorded
 *     with JFR in both platform JVMs; the report shows it apart from the steps
 */
record LoadOptions(int connections, int conversations, Duration measure, Duration warmUp, int runs, List<Double> messageRates, Path platformJar,
        Path workDirectory, boolean profile) {

    static final int DEFAULT_CONNECTIONS = 400;
    static final int DEFAULT_CONVERSATIONS = 40;
    /** Long enough that a garbage collection or a burst of compiling is a part of a step, not all of it. */
    static final Duration DEFAULT_MEASURE = Duration.ofSeconds(15);
    /**
     * Cold, the platform JVMs (five Spring contexts each) spend most of a core each compiling for the
     * first minute, and at 50 messages/s their compiler threads still took a fifth of a JVM's CPU
     * four minutes in and 5 % six minutes in (per-thread CPU from {@code /proc/<pid>/task}); a step
     * measured while they compile measures the warm-up. Six minutes at the lowest rate leave mostly
     * the platform.
     */
    static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(360);
    static final int DEFAULT_RUNS = 3;
    /** Deliveries per second the default steps aim at; divided by the members per conversation into messages per second. */
    static final List<Integer> DEFAULT_DELIVERY_TARGETS = List.of(500, 1_000, 2_000, 5_000, 10_000, 20_000);
    /** A message reaches every member's socket, the sender's too: one delivery per member, and a bit per member in the ledger. */
    static final int MAX_MEMBERS = 64;

    LoadOptions {
        if (connections < 2) {
            throw new IllegalArgumentException("--connections must be at least 2, was " + connections);
        }
        if (conversations < 1 || connections % conversations != 0) {
            throw new IllegalArgumentException("--conversations must divide --connections (" + connections + "), was " + conversations);
        }
        int members = connections / conversations;
        if (members < 2 || members > MAX_MEMBERS) {
            throw new IllegalArgumentException(
                    "members per conversation (--connections / --conversations) must be 2 to " + MAX_MEMBERS + ", was " + members);
        }
        if (measure.isNegative() || measure.toMillis() < 1000) {
            throw new IllegalArgumentException("--seconds must be at least 1, was " + measure.toSeconds());
        }
        if (warmUp.isNegative()) {
            throw new IllegalArgumentException("--warmup must be 0 or more, was " + warmUp.toSeconds());
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, was " + runs);
        }
        messageRates = List.copyOf(messageRates);
        if (messageRates.isEmpty() || messageRates.stream().anyMatch(rate -> !(rate > 0) || rate.isInfinite())) {
            throw new IllegalArgumentException("message rates must be positive, were " + messageRates);
        }
    }

    int membersPerConversation() {
        return connections / conversations;
    }

    /**
     * Reads {@code --connections N --conversations M --seconds S --warmup S --runs R --rate msgs/s
     * --targets d1,d2,... --platform-jar PATH --work-dir PATH --no-profile}.
     *
     * @param buildDirectory the module's {@code target}: the platform's jar is in {@code platform/} there,
     *     the logs and recordings go to {@code chat-load-run/}
     *
     * @throws IllegalArgumentException naming the argument that is unknown, lacks its value or is out of range
     */
    static LoadOptions parse(String[] args, Path buildDirectory) {
        int connections = DEFAULT_CONNECTIONS;
        int conversations = DEFAULT_CONVERSATIONS;
        Duration measure = DEFAULT_MEASURE;
        Duration warmUp = DEFAULT_WARM_UP;
        int runs = DEFAULT_RUNS;
        Double rate = null;
        List<Integer> targets = DEFAULT_DELIVERY_TARGETS;
        Path platformJar = buildDirectory.resolve("platform").resolve("chat-local.jar");
        Path workDirectory = buildDirectory.resolve("chat-load-run");
        boolean profile = true;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--no-profile")) {
                profile = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--connections" -> connections = integer(name, value);
                case "--conversations" -> conversations = integer(name, value);
                case "--seconds" -> measure = Duration.ofSeconds(integer(name, value));
                case "--warmup" -> warmUp = Duration.ofSeconds(integer(name, value));
                case "--runs" -> runs = integer(name, value);
                case "--rate" -> rate = number(name, value);
                case "--targets" -> targets = integers(name, value);
                case "--platform-jar" -> platformJar = Path.of(value);
                case "--work-dir" -> workDirectory = Path.of(value);
                default -> throw new IllegalArgumentException("unknown argument " + name
                        + "; known: --connections --conversations --seconds --warmup --runs --rate --targets --platform-jar --work-dir --no-profile");
            }
        }
        int members = conversations > 0 && connections % conversations == 0 ? connections / conversations : 1;
        List<Double> rates = new ArrayList<>();
        if (rate != null) {
            rates.add(rate);
        } else {
            targets.forEach(target -> rates.add((double) target / members));
        }
        return new LoadOptions(connections, conversations, measure, warmUp, runs, rates, platformJar, workDirectory, profile);
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static double number(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'");
        }
    }

    private static List<Integer> integers(String name, String value) {
        List<Integer> values = new ArrayList<>();
        for (String part : value.split(",")) {
            values.add(integer(name, part.strip()));
        }
        return values;
    }
}
