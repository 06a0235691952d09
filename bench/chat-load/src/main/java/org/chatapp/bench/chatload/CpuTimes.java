package org.chatapp.bench.chatload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time from Linux's {@code /proc}: a process's user and system time, and the machine's busy
 * time over all cores. Read from outside the process, so that the platform JVMs, the Redis
 * servers and this load generator are measured the same way. Resolution is one clock tick
 * (10 ms at the usual 100 Hz), small beside a step of seconds. Empty where there is no {@code /proc}.
 */
final class CpuTimes {

    /** Clock ticks per second of {@code /proc}'s counters: USER_HZ, 100 on every mainstream Linux build. */
    private static final long TICKS_PER_SECOND = 100;
    private static final long NANOS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;

    private CpuTimes() {
    }

    /** Returns the user plus system CPU time the process has used, in nanoseconds. */
    static OptionalLong process(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name in parentheses may hold spaces: count fields after its closing one.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return OptionalLong.of((utime + stime) * NANOS_PER_TICK);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Returns the CPU time all cores spent busy (neither idle nor waiting for I/O) since boot, in nanoseconds. */
    static OptionalLong machineBusy() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] fields = first.trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return OptionalLong.of(busy * NANOS_PER_TICK);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
