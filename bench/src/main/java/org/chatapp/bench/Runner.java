package org.chatapp.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Drives one client through one scenario for a fixed time and records throughput and latency. */
final class Runner {

    private static final long HIGHEST_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final String[] keys;
    private final String value;

    Runner(String[] keys, String value) {
        this.keys = keys;
        this.value = value;
    }

    RunResult run(BenchClient client, Scenario scenario, Duration duration) {
        return scenario.driver().isAsync()
                ? runAsync(client, scenario, duration)
                : runSync(client, scenario, duration);
    }

    private RunResult runSync(BenchClient client, Scenario scenario, Duration duration) {
        int threads = scenario.driver().threads();
        List<Thread> workers = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int t = 0; t < threads; t++) {
            Histogram histogram = new Histogram(HIGHEST_LATENCY_NANOS, 2);
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
        Histogram total = new Histogram(HIGHEST_LATENCY_NANOS, 2);
        histograms.forEach(total::add);
        return new RunResult(total.getTotalCount(), seconds, total);
    }

    private RunResult runAsync(BenchClient client, Scenario scenario, Duration duration) {
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
        Histogram latency = recorder.getIntervalHistogram();
        return new RunResult(latency.getTotalCount(), seconds, latency);
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
