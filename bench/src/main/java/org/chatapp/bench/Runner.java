package org.chatapp.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives one client through one scenario for a fixed time and records throughput, latency and the
 * CPU time the JVM used meanwhile: GET and SET, pub/sub, locks and rate limits, the blocking ones
 * on the same caller threads, the non-blocking ones with the same calls in flight, and the batches
 * of the same size from one thread.
 */
final class Runner {

    private static final long HIGHEST_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** How long a pub/sub peer may take to deliver its first event after connecting. */
    private static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(30);
    /**
     * How long a pub/sub run waits for more events once the publishers stopped and nothing arrived:
     * what is still missing then was lost (dropped by the library, or by Redis).
     */
    private static final Duration DRAIN_QUIET = Duration.ofSeconds(2);
    /** How long a stampede's callers may take in all before the run fails: far longer than any peer's waits. */
    private static final Duration STAMPEDE_WAIT = Duration.ofSeconds(60);
    /** Numbers the stampede runs of the whole benchmark, so that each asks for a key no run asked for. */
    private static final AtomicLong STAMPEDE_RUNS = new AtomicLong();
    /** Numbers the pub/sub runs of the whole benchmark, so a late event never counts in another run. */
    private static final AtomicLong PUBSUB_RUNS = new AtomicLong();
    /**
     * The whole process, not the caller threads: a client that parks hands its work to event loops,
     * and only the process total puts a spinning caller and a parked one on the same scale.
     */
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);

    private final String[] keys;
    private final String value;

    Runner(String[] keys, String value) {
        this.keys = keys;
        this.value = value;
    }

    /** Writes every key, so that GETs in the runs find a value. */
    void load(BenchClient client) {
        for (String key : keys) {
            client.set(key, value);
        }
    }

    /** Returns the keys the runs use, raw (without {@link Peers#PREFIX}). */
    List<String> keys() {
        return List.of(keys);
    }

    /** Returns the value every key holds. */
    String value() {
        return value;
    }

    RunResult run(BenchClient client, Scenario scenario, Duration duration) {
        boolean get = scenario.operation() == Scenario.Operation.GET;
        return measuringCpu(() -> {
            if (scenario.driver().isBatch()) {
                return runBatches(scenario.driver().batch(), duration, get ? client::getBatch
                        : batchKeys -> client.setBatch(batchKeys, value));
            }
            if (!scenario.driver().isAsync()) {
                return runBlocking(scenario, duration, (thread, random) -> {
                    String key = keys[random.nextInt(keys.length)];
                    if (get) {
                        client.get(key);
                    } else {
                        client.set(key, value);
                    }
                });
            }
            if (client instanceof BenchClient.Pipelined pipelined) {
                // Without a non-blocking API, its users keep commands in flight as pipelines.
                return runBatches(scenario.driver().inFlight(), duration, get ? pipelined::getPipelined
                        : batchKeys -> pipelined.setPipelined(batchKeys, value));
            }
            BenchClient.Async async = (BenchClient.Async) client;
            return runInFlight(scenario, duration, random -> {
                String key = keys[random.nextInt(keys.length)];
                return get ? async.getAsync(key) : async.setAsync(key, value);
            });
        });
    }

    /**
     * Measures lock acquire-release pairs: each thread on a name of its own in the uncontended case,
     * every thread on one name in the contended one. A call's latency is the pair's, waiting included.
     */
    RunResult runLocks(LockPeer.LockClient client, Scenario scenario, Duration duration) {
        boolean contended = scenario.operation() == Scenario.Operation.LOCK_CONTENDED;
        return measuringCpu(() -> runBlocking(scenario, duration,
                (thread, random) -> client.acquireAndRelease(contended ? "bench-lock-shared" : "bench-lock-" + thread)));
    }

    /**
     * Measures rate-limit decisions, one permit for a key drawn from the same keys as GET and SET.
     * The limits are set so that every decision is an allow; a refusal, which takes a shorter path
     * through the limiter, is said on standard output, since the row would then measure a mix.
     */
    RunResult runRateLimits(RateLimitPeer.RateLimitClient client, Scenario scenario, Duration duration) {
        Scenario.Operation policy = scenario.operation();
        LongAdder refused = new LongAdder();
        RunResult result = measuringCpu(() -> scenario.driver().isAsync()
                ? runInFlight(scenario, duration, random -> client.tryAcquireAsync(policy, keys[random.nextInt(keys.length)])
                        .thenAccept(allowed -> count(allowed, refused)))
                : runBlocking(scenario, duration,
                        (thread, random) -> count(client.tryAcquire(policy, keys[random.nextInt(keys.length)]), refused)));
        if (refused.sum() > 0) {
            System.out.printf("%s: %,d of %,d decisions were refusals%n", scenario.label(), refused.sum(), result.operations());
        }
        return result;
    }

    /**
     * Measures cache reads that hit, each on a key drawn from the same keys as GET and SET, from
     * the driver's blocking threads.
     */
    RunResult runCacheHits(CacheHitPeer.CacheHitClient client, Scenario scenario, Duration duration) {
        return measuringCpu(() -> runBlocking(scenario, duration, (thread, random) -> client.get(keys[random.nextInt(keys.length)])));
    }

    /**
     * Measures one cache stampede: the driver's callers, spread evenly over the instances, each wait
     * at a gate, then all ask for the same missing key (new in every run) at once. The run's time is
     * from the gate's opening to the last caller served, a caller's latency its own time from the
     * gate; the loader calls are counted, and a caller that got a value other than the source's, or
     * failed, or was not served within {@link #STAMPEDE_WAIT}, fails the run. The CPU time is that
     * of the stampede, not of starting the callers.
     */
    RunResult runStampede(List<StampedePeer.CacheInstance> instances, StampedePeer.CountingLoader loader, Scenario scenario) {
        String key = "stampede-" + STAMPEDE_RUNS.incrementAndGet();
        String expected = StampedePeer.CountingLoader.valueOf(key);
        int callers = scenario.driver().threads();
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch gate = new CountDownLatch(1);
        long[] served = new long[callers];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>(callers);
        for (int i = 0; i < callers; i++) {
            StampedePeer.CacheInstance instance = instances.get(i % instances.size());
            int caller = i;
            Thread worker = new Thread(() -> {
                ready.countDown();
                try {
                    gate.await();
                    String value = instance.get(key);
                    if (!expected.equals(value)) {
                        throw new IllegalStateException("caller " + caller + " got '" + value + "', not '" + expected + "'");
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    served[caller] = System.nanoTime();
                }
            }, "stampede-" + i);
            workers.add(worker);
            worker.start();
        }
        awaitLatch(ready);
        long loadsBefore = loader.calls();
        long cpuBefore = PROCESS.getProcessCpuTime();
        long start = System.nanoTime();
        gate.countDown();
        long deadline = start + STAMPEDE_WAIT.toNanos();
        for (Thread worker : workers) {
            joinUntil(worker, deadline);
        }
        long cpuAfter = PROCESS.getProcessCpuTime();
        long stuck = workers.stream().filter(Thread::isAlive).count();
        if (stuck > 0) {
            workers.forEach(Thread::interrupt);
            throw new IllegalStateException(scenario.label() + ": " + stuck + " callers not served within " + STAMPEDE_WAIT);
        }
        if (failure.get() != null) {
            throw new IllegalStateException(scenario.label() + " failed", failure.get());
        }
        Histogram latency = newHistogram();
        long last = start;
        for (long end : served) {
            latency.recordValue(Math.min(Math.max(end - start, 1), HIGHEST_LATENCY_NANOS));
            last = Math.max(last, end);
        }
        RunResult result = RunResult.of(latency, (last - start) / 1e9).withLoads(loader.calls() - loadsBefore);
        return cpuBefore < 0 || cpuAfter < 0 ? result : result.withCpuNanos(cpuAfter - cpuBefore);
    }

    private static void count(boolean allowed, LongAdder refused) {
        if (!allowed) {
            refused.increment();
        }
    }

    /**
     * Publishes probe events until the subscriber gets one: a library may confirm its subscription
     * before it delivers, and a run must not start before events can arrive.
     */
    void awaitSubscribed(PubSubPeer.PubSubClient client, Deliveries deliveries) {
        long deadline = System.nanoTime() + SUBSCRIBE_WAIT.toNanos();
        while (!deliveries.probeSeen()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no probe event reached the subscriber within " + SUBSCRIBE_WAIT);
            }
            client.publish(new BenchEvent(BenchEvent.PROBE, System.nanoTime(), BenchEvent.TEXT));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /**
     * Publishes from the driver's threads for the given time, each thread its next event once Redis
     * took the last one, then waits for the subscriber to get every event published, or to get
     * nothing more for {@link #DRAIN_QUIET}. The rate is the events the handler got per second from
     * the first publish to the last delivery, so a subscriber that falls behind is charged for it;
     * the latency is each event's, from just before its publish call to its handler; events never
     * delivered are counted as lost.
     */
    RunResult runPubSub(PubSubPeer.PubSubClient client, Deliveries deliveries, Scenario scenario, Duration duration) {
        return measuringCpu(() -> {
            Deliveries.Tally tally = deliveries.start(PUBSUB_RUNS.incrementAndGet());
            LongAdder published = new LongAdder();
            long start = System.nanoTime();
            runThreads(scenario, start + duration.toNanos(), () -> (thread, random) -> {
                client.publish(new BenchEvent(tally.run(), System.nanoTime(), BenchEvent.TEXT));
                published.increment();
            });
            long sent = published.sum();
            long delivered = tally.delivered();
            long lastProgress = System.nanoTime();
            while (delivered < sent && System.nanoTime() - lastProgress < DRAIN_QUIET.toNanos()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                long now = tally.delivered();
                if (now != delivered) {
                    delivered = now;
                    lastProgress = System.nanoTime();
                }
            }
            long end = delivered > 0 ? tally.lastDeliveryNanos() : System.nanoTime();
            return RunResult.of(tally.latencies(), (end - start) / 1e9).withLost(sent - delivered);
        });
    }

    /** Runs a measurement and adds the CPU time the whole process used meanwhile. */
    private static RunResult measuringCpu(Supplier<RunResult> measurement) {
        long cpuBefore = PROCESS.getProcessCpuTime();
        RunResult result = measurement.get();
        long cpuAfter = PROCESS.getProcessCpuTime();
        // -1 where the JVM cannot tell; the report then shows no CPU figure rather than a wrong one.
        return cpuBefore < 0 || cpuAfter < 0 ? result : result.withCpuNanos(cpuAfter - cpuBefore);
    }

    /** One blocking call of a caller thread; its latency is the time the method takes. */
    @FunctionalInterface
    private interface BlockingCall {
        void call(int thread, ThreadLocalRandom random) throws Exception;
    }

    /** Issues one call for the in-flight driver and returns its stage. */
    @FunctionalInterface
    private interface AsyncCall {
        CompletionStage<?> call(ThreadLocalRandom random);
    }

    /** Runs the driver's threads, each making calls one after another, and records every call's latency. */
    private RunResult runBlocking(Scenario scenario, Duration duration, BlockingCall call) {
        long start = System.nanoTime();
        List<Histogram> histograms = runThreads(scenario, start + duration.toNanos(), () -> call);
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram total = newHistogram();
        histograms.forEach(total::add);
        return RunResult.of(total, seconds);
    }

    /**
     * Starts the driver's threads, each calling until {@code end}, waits for them and returns each
     * one's latency histogram.
     *
     * @throws IllegalStateException with the first failure of any thread
     */
    private static List<Histogram> runThreads(Scenario scenario, long end, Supplier<BlockingCall> calls) {
        int threads = scenario.driver().threads();
        List<Thread> workers = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            Histogram histogram = newHistogram();
            histograms.add(histogram);
            BlockingCall call = calls.get();
            int thread = t;
            Thread worker = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                try {
                    long now = System.nanoTime();
                    while (now < end) {
                        call.call(thread, random);
                        long done = System.nanoTime();
                        histogram.recordValue(Math.min(done - now, HIGHEST_LATENCY_NANOS));
                        now = done;
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            join(worker);
        }
        if (failure.get() != null) {
            throw new IllegalStateException(scenario.label() + " failed", failure.get());
        }
        return histograms;
    }

    private RunResult runInFlight(Scenario scenario, Duration duration, AsyncCall call) {
        int inFlight = scenario.driver().inFlight();
        Semaphore permits = new Semaphore(inFlight);
        Recorder recorder = new Recorder(HIGHEST_LATENCY_NANOS, 2);
        AtomicLong failures = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        while (System.nanoTime() < end) {
            permits.acquireUninterruptibly();
            long issued = System.nanoTime();
            call.call(random).whenComplete((result, error) -> {
                if (error != null && failures.incrementAndGet() == 1) {
                    firstFailure.set(error);
                }
                recorder.recordValue(Math.min(System.nanoTime() - issued, HIGHEST_LATENCY_NANOS));
                permits.release();
            });
        }
        permits.acquireUninterruptibly(inFlight);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (firstFailure.get() != null) {
            throw new IllegalStateException(scenario.label() + ": " + failures.get() + " calls failed", firstFailure.get());
        }
        return RunResult.of(recorder.getIntervalHistogram(), seconds);
    }

    /**
     * Sends batches of {@code batchSize} commands on random keys from one thread, one batch at a
     * time: {@code send} returns once every reply of its batch is in. A command's reply is only seen
     * when its batch completes, so each command's latency is its batch's.
     */
    private RunResult runBatches(int batchSize, Duration duration, Consumer<List<String>> send) {
        Histogram latency = newHistogram();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String[] batch = new String[batchSize];
        List<String> batchKeys = Arrays.asList(batch);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long now = start;
        while (now < end) {
            for (int i = 0; i < batchSize; i++) {
                batch[i] = keys[random.nextInt(keys.length)];
            }
            long issued = System.nanoTime();
            send.accept(batchKeys);
            now = System.nanoTime();
            latency.recordValueWithCount(Math.min(now - issued, HIGHEST_LATENCY_NANOS), batchSize);
        }
        return RunResult.of(latency, (now - start) / 1e9);
    }

    private static Histogram newHistogram() {
        return new Histogram(HIGHEST_LATENCY_NANOS, 2);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Waits for the thread until the deadline, as {@link System#nanoTime()}; it may still be alive then. */
    private static void joinUntil(Thread worker, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return;
        }
        try {
            worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void join(Thread worker) {
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
