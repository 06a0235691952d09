package org.chatapp.bench.chatload;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.json.JsonMapper;

/**
 * One load run from start to end: the shared platform up, the users registered and logged in,
 * their conversations made, one socket per user open (member {@code m} of every conversation on
 * gateway {@code m % 2}), then every step of every run, and everything stopped again.
 *
 * <p>A step sends {@code rate} messages per second for the measured time, open loop: message
 * {@code seq} is planned at {@code start + seq / rate} and sent then, whatever the platform
 * answers; each goes through the gateway its sender's socket is on, round robin over the
 * conversations and their members. At most {@value #MAX_IN_FLIGHT} sends are in flight; a
 * message due beyond that is skipped and the step counts as not kept up.
 */
final class LoadRun {

    static final int MAX_IN_FLIGHT = 512;
    private static final String PASSWORD = "load-run-password";
    /** BCrypt makes registering and logging in CPU-bound: more at once than cores does not help. */
    private static final int SETUP_PARALLELISM = 4;
    private static final int CONNECT_PARALLELISM = 16;
    private static final Duration SOCKETS_READY_WITHIN = Duration.ofMinutes(2);
    /** How long a step waits after sending for its last deliveries before it counts what is missing. */
    private static final Duration DRAIN = Duration.ofSeconds(10);
    private static final Duration IDLE = Duration.ofSeconds(5);
    /**
     * How close to its idle CPU (both platform JVMs and Redis, in cores) the platform must be again
     * before the next run or the profile starts, and how long the bench waits for that at most.
     */
    static final double SETTLED_MARGIN = 0.1;
    static final Duration SETTLE_LIMIT = Duration.ofMinutes(3);

    /** Heap kept live by a platform JVM before and after its sockets opened. */
    record Memory(String instance, int sockets, long heapBefore, long heapAfter) {
        double bytesPerSocket() {
            return (double) (heapAfter - heapBefore) / sockets;
        }
    }

    /** Everything the run measured. */
    record Result(LoadOptions options, List<StepResult> steps, List<Memory> memory, Map<String, Double> idleCpu, Profile.Summary profile,
            double profiledRate, int redisNodes, Duration setup, Duration longestSettle) {
    }

    private final LoadOptions options;
    private final PrintStream progress;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ChatApi api = new ChatApi(json);
    private final Map<Integer, DeliveryLedger> ledgers = new ConcurrentHashMap<>();
    private final LongAdder closedSockets = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<WebSocket> sockets = Collections.synchronizedList(new ArrayList<>());
    private final List<HttpClient> socketClients = new ArrayList<>();
    private SharedPlatform platform;
    private List<PlatformProcess> instances;
    private ChatApi.Account[][] accounts;
    private String[] conversationIds;
    private int nextTag = 1;

    private LoadRun(LoadOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * Runs the load as the options say and stops everything it started.
     *
     * @throws IllegalStateException when the platform does not start or a setup call fails
     */
    static Result run(LoadOptions options, PrintStream progress) {
        LoadRun run = new LoadRun(options, progress);
        try {
            return run.execute();
        } finally {
            run.close();
        }
    }

    private Result execute() {
        long setupStart = System.nanoTime();
        progress.println("Starting a Redis Cluster, PostgreSQL and two platform instances...");
        platform = SharedPlatform.start(options.platformJar(), options.workDirectory());
        instances = platform.instances();
        progress.printf("Registering %d users in %d conversations...%n", options.connections(), options.conversations());
        createUsersAndConversations();
        List<Long> before = instances.stream().map(PlatformProcess::heapUsedAfterGc).toList();
        progress.printf("Opening %d sockets...%n", options.connections());
        openSockets();
        List<Memory> memory = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            memory.add(new Memory(instances.get(i).name(), socketsOn(i), before.get(i), instances.get(i).heapUsedAfterGc()));
        }
        Duration setup = Duration.ofNanos(System.nanoTime() - setupStart);

        CpuShare cpu = new CpuShare(List.of(new CpuShare.Part("platform 1", List.of(instances.get(0).pid())),
                new CpuShare.Part("platform 2", List.of(instances.get(1).pid())), new CpuShare.Part("Redis", platform.redisPids()),
                new CpuShare.Part("load", List.of(ProcessHandle.current().pid()))));
        // What the platform costs with its sockets open and nothing sent (heartbeats, the relay's and consumers' polls, topology refresh).
        cpu.start();
        LockSupport.parkNanos(IDLE.toNanos());
        Map<String, Double> idle = cpu.stop();
        double lowest = options.messageRates().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        if (!options.warmUp().isZero()) {
            progress.printf("Warm-up: %.0f messages/s for %d s (not reported)%n", lowest, options.warmUp().toSeconds());
            step(0, lowest, options.warmUp(), cpu, false);
        }

        List<StepResult> results = new ArrayList<>();
        Duration longestSettle = Duration.ZERO;
        for (int run = 1; run <= options.runs(); run++) {
            if (run > 1) {
                longestSettle = max(longestSettle, settle(cpu, idle));
            }
            for (double rate : options.messageRates()) {
                StepResult below = results.isEmpty() ? null : results.get(results.size() - 1);
                if (below != null && below.run() == run && !below.keptUp()) {
                    progress.printf("run %d, %.0f messages/s: not run, the step below did not keep up%n", run, rate);
                    continue;
                }
                StepResult result = step(run, rate, options.measure(), cpu, false);
                results.add(result);
                progress.printf("run %d, %.0f messages/s (%.0f deliveries/s target): %.0f deliveries/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms,"
                        + " send p99 %.1f ms%s%n", run, rate, result.targetDeliveriesPerSecond(), result.deliveriesPerSecond(),
                        millis(result.delivery().getValueAtPercentile(50)), millis(result.delivery().getValueAtPercentile(99)),
                        millis(result.delivery().getMaxValue()), millis(result.sendCall().getValueAtPercentile(99)),
                        result.lossless() ? "" : String.format(", LOST %d of %d messages (%d send errors, %d skipped), %d duplicates",
                                result.incomplete(), result.sent(), result.sendErrors(), result.skipped(), result.duplicates()));
            }
        }
        List<Path> recordings = new ArrayList<>();
        double profiledRate = 0;
        if (options.profile()) {
            // A step of its own, after the measured ones: starting a recording costs a JVM CPU for seconds, which
            // would count against the step it records.
            profiledRate = results.stream().filter(StepResult::keptUp).mapToDouble(StepResult::messagesPerSecond).max().orElse(lowest);
            longestSettle = max(longestSettle, settle(cpu, idle));
            progress.printf("Profile: %.0f messages/s for %d s, recorded with JFR in both platform JVMs (not reported)%n", profiledRate,
                    options.measure().toSeconds());
            step(0, profiledRate, options.measure(), cpu, true);
            instances.forEach(instance -> recordings.add(recording(instance)));
        }
        if (closedSockets.sum() > 0) {
            progress.printf("%d sockets closed during the run%n", closedSockets.sum());
        }
        Profile.Summary profile = recordings.isEmpty() ? null : Profile.read(recordings, 12);
        return new Result(options, results, memory, idle, profile, profiledRate, platform.redisNodes(), setup, longestSettle);
    }

    /**
     * Waits until the platform is back near its idle CPU, at most {@link #SETTLE_LIMIT}, and returns
     * how long that took. A step that did not keep up leaves work behind (the notification service's
     * stream backlog; Redis clients whose commands timed out reloading the slot map every second for
     * a while): without the wait, the next run's lowest steps would measure that aftermath.
     */
    private Duration settle(CpuShare cpu, Map<String, Double> idle) {
        double rest = busy(idle);
        long start = System.nanoTime();
        double now = Double.MAX_VALUE;
        while (now > rest + SETTLED_MARGIN && System.nanoTime() - start < SETTLE_LIMIT.toNanos()) {
            cpu.start();
            LockSupport.parkNanos(IDLE.toNanos());
            now = busy(cpu.stop());
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        progress.printf("Settled in %d s: platform and Redis at %.2f cores (idle %.2f)%n", waited.toSeconds(), now, rest);
        return waited;
    }

    /** Cores used by the platform JVMs and Redis together; what a settled platform is judged by. */
    private static double busy(Map<String, Double> cores) {
        return cores.getOrDefault("platform 1", 0.0) + cores.getOrDefault("platform 2", 0.0) + cores.getOrDefault("Redis", 0.0);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private void createUsersAndConversations() {
        int members = options.membersPerConversation();
        accounts = new ChatApi.Account[options.conversations()][members];
        conversationIds = new String[options.conversations()];
        String run = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
        ExecutorService setup = Executors.newFixedThreadPool(SETUP_PARALLELISM);
        try {
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int c = 0; c < options.conversations(); c++) {
                for (int m = 0; m < members; m++) {
                    int conversation = c;
                    int member = m;
                    String username = "ld" + run + "-" + (c * members + m);
                    calls.add(CompletableFuture.runAsync(() -> accounts[conversation][member] =
                            api.registerAndLogin(gatewayOf(member).base(), username, PASSWORD), setup));
                }
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
            calls.clear();
            for (int c = 0; c < options.conversations(); c++) {
                int conversation = c;
                List<String> others = new ArrayList<>();
                for (int m = 1; m < members; m++) {
                    others.add(accounts[c][m].userId());
                }
                calls.add(CompletableFuture.runAsync(() -> conversationIds[conversation] =
                        api.createConversation(gatewayOf(0).base(), accounts[conversation][0], "load " + conversation, others), setup));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        } finally {
            setup.shutdownNow();
        }
    }

    private void openSockets() {
        for (int i = 0; i < instances.size(); i++) {
            socketClients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(ChatApi.ON_SELECTOR_THREAD).build());
        }
        Semaphore connecting = new Semaphore(CONNECT_PARALLELISM);
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (int c = 0; c < options.conversations(); c++) {
            for (int m = 0; m < options.membersPerConversation(); m++) {
                Receiver receiver = new Receiver(c, m, ledgers::get, json, closedSockets);
                connecting.acquireUninterruptibly();
                int gateway = m % instances.size();
                ChatApi.connect(socketClients.get(gateway), instances.get(gateway).socketBase(), accounts[c][m], receiver)
                        .thenAccept(sockets::add).whenComplete((socket, error) -> {
                            if (error != null) {
                                receiver.ready().completeExceptionally(error);
                            }
                        });
                ready.add(receiver.ready().whenComplete((done, error) -> connecting.release()));
            }
        }
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).orTimeout(SOCKETS_READY_WITHIN.toSeconds(), TimeUnit.SECONDS).join();
    }

    private int socketsOn(int instance) {
        int perConversation = 0;
        for (int m = 0; m < options.membersPerConversation(); m++) {
            if (m % instances.size() == instance) {
                perConversation++;
            }
        }
        return perConversation * options.conversations();
    }

    private PlatformProcess gatewayOf(int member) {
        return instances.get(member % instances.size());
    }

    private StepResult step(int run, double rate, Duration measure, CpuShare cpu, boolean profile) {
        int tag = nextTag++;
        int members = options.membersPerConversation();
        int total = (int) Math.floor(rate * measure.toNanos() / 1e9);
        DeliveryLedger ledger = new DeliveryLedger(tag, Math.max(1, total), options.conversations(), members);
        ledgers.put(tag, ledger);
        if (profile) {
            instances.forEach(PlatformProcess::startProfile);
        }
        double interval = 1e9 / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        ledger.windowStarts(start);
        cpu.start();
        for (int seq = 0; seq < total; seq++) {
            long planned = start + (long) (seq * interval);
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                ledger.skipped();
                continue;
            }
            send(ledger, seq, planned);
        }
        long end = System.nanoTime();
        ledger.windowEnds(end);
        Map<String, Double> cores = cpu.stop();
        if (profile) {
            instances.forEach(instance -> instance.stopProfile(recording(instance)));
        }
        long drainUntil = System.nanoTime() + DRAIN.toNanos();
        while ((!ledger.allDelivered() || inFlight.get() > 0) && System.nanoTime() < drainUntil) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        double seconds = (end - start) / 1e9;
        if (run > 0) {
            ledger.writeTimeline(options.workDirectory().resolve(String.format(Locale.ROOT, "timeline-run%d-%.0f.csv", run, rate * members)),
                    System.currentTimeMillis() - System.nanoTime() / 1e6);
        }
        return new StepResult(run, rate, members, ledger.deliveriesInWindow() / seconds, ledger.sent(), ledger.sendErrors(), ledger.skippedCount(),
                ledger.incomplete(), ledger.duplicates(), ledger.misrouted(), ledger.deliveryLatency(), ledger.sendLatency(), cores);
    }

    private Path recording(PlatformProcess instance) {
        return options.workDirectory().resolve(instance.name().replace(' ', '-') + ".jfr").toAbsolutePath();
    }

    private void send(DeliveryLedger ledger, int seq, long planned) {
        int conversation = ledger.conversationOf(seq);
        int member = (seq / options.conversations()) % options.membersPerConversation();
        ledger.sending(seq, planned);
        inFlight.incrementAndGet();
        api.send(gatewayOf(member).base(), accounts[conversation][member], conversationIds[conversation], ledger.text(seq), ledger.clientMessageId(seq))
                .whenComplete((status, error) -> {
                    inFlight.decrementAndGet();
                    if (error != null) {
                        ledger.sendFailed();
                    } else {
                        ledger.sendCompleted(seq, status, System.nanoTime());
                    }
                });
    }

    static double millis(long micros) {
        return micros / 1000.0;
    }

    private void close() {
        synchronized (sockets) {
            sockets.forEach(WebSocket::abort);
        }
        if (platform != null) {
            platform.close();
        }
    }
}
