package org.chatapp.bench.chatload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * CPU used between two instants, in cores kept busy, per part of the setup: each platform JVM,
 * the Redis servers, this load generator, and the rest of the machine (the PostgreSQL processes,
 * the kernel's network work, anything else running).
 */
final class CpuShare {

    /** A part of the setup and the processes it consists of. */
    record Part(String name, List<Long> pids) {
    }

    private final List<Part> parts;
    private final Map<String, Long> startNanos = new LinkedHashMap<>();
    private long startMachine = -1;
    private long startWall;

    CpuShare(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    void start() {
        startNanos.clear();
        for (Part part : parts) {
            startNanos.put(part.name(), sum(part));
        }
        startMachine = CpuTimes.machineBusy().orElse(-1);
        startWall = System.nanoTime();
    }

    /** Returns cores used per part since {@link #start()}, then "other" and "machine"; empty where /proc was not readable. */
    Map<String, Double> stop() {
        double wall = System.nanoTime() - startWall;
        Map<String, Double> cores = new LinkedHashMap<>();
        double known = 0;
        boolean complete = true;
        for (Part part : parts) {
            long before = startNanos.getOrDefault(part.name(), -1L);
            long after = sum(part);
            if (before < 0 || after < 0) {
                complete = false;
                continue;
            }
            double used = (after - before) / wall;
            cores.put(part.name(), used);
            known += used;
        }
        OptionalLong machine = CpuTimes.machineBusy();
        if (complete && startMachine >= 0 && machine.isPresent()) {
            double total = (machine.getAsLong() - startMachine) / wall;
            cores.put("other", Math.max(0, total - known));
            cores.put("machine", total);
        }
        return cores;
    }

    private static long sum(Part part) {
        long total = 0;
        for (long pid : part.pids()) {
            OptionalLong used = CpuTimes.process(pid);
            if (used.isEmpty()) {
                return -1;
            }
            total += used.getAsLong();
        }
        return total;
    }
}
