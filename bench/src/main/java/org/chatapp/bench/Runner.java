package org.chatapp.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives one client through one scenario for a fixed time and records throughput, latency and the
 * CPU time the JVM used meanwhile.
 */
final class Runner {

    private static final long HIGHEST_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(30);
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

    RunResult run(BenchClient client, Scenario scenario, Duration duration) {
        long cpuBefore = PROCESS.getProcessCpuTime();
        RunResult result;
        if (!scenario.driver().isAsync()) {
            result = runSync(client, scenario, duration);
        } else if (client instanceof BenchClient.Pipelined pipelined) {
            result = runPipelined(pipelined, scenario, duration);
        } else {
            result = runAsync((BenchClient.Async) client, scenario, duration);
        }
        long cpuAfter = PROCESS.getProcessCpuTime();
        // -1 where the JVM cannot tell; the report then shows no CPU figure rather than a wrong one.
        return cpuBefore < 0 || cpuAfter < 0 ? result : result.withCpuNanos(cpuAfter - cpuBefore);
    }

    private RunResult runSync(BenchClient client, Scenario scenario, Duration duration) {
        int threads = scenario.driver().threads();
        List<Thread> workers = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int t = 0; t < threads; t++) {
            Histogram histogram = newHistogram();
            histograms.add(histogram);
            Thread worker = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                try {
                    long now = System.nanoTime();
                    while (now < end) {
                        String key = keys[random.nextInt(keys.length)];
                        if (scenario.operation() == Scenario.Operation.GET) {
                            client.get(key);
                        } else {
                            client.set(key, value);
                        }
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
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException(scenario.label() + " failed", failure.get());
        }
        Histogram total = newHistogram();
        histograms.forEach(total::add);
        return RunResult.of(total, seconds);
    }

    private RunResult runAsync(BenchClient.Async client, Scenario scenario, Duration duration) {
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
            String key = keys[random.nextInt(keys.length)];
            long issued = System.nanoTime();
            CompletionStage<?> call = scenario.operation() == Scenario.Operation.GET
                    ? client.getAsync(key)
                    : client.setAsync(key, value);
            call.whenComplete((result, error) -> {
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
     * Sends batches of {@code inFlight} commands from one thread, one batch at a time. A command's
     * reply is only seen when its batch completes, so each command's latency is its batch's.
     */
    private RunResult runPipelined(BenchClient.Pipelined client, Scenario scenario, Duration duration) {
        int batchSize = scenario.driver().inFlight();
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
            if (scenario.operation() == Scenario.Operation.GET) {
                client.getPipelined(batchKeys);
            } else {
                client.setPipelined(batchKeys, value);
            }
            now = System.nanoTime();
            latency.recordValueWithCount(Math.min(now - issued, HIGHEST_LATENCY_NANOS), batchSize);
        }
        return RunResult.of(latency, (now - start) / 1e9);
    }

    private static Histogram newHistogram() {
        return new Histogram(HIGHEST_LATENCY_NANOS, 2);
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
