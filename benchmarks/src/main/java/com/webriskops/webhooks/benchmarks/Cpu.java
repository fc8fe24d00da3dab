package com.webriskops.webhooks.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent while a figure ran: this JVM's (server, kit and load driver alike) and the whole
 * machine's (PostgreSQL's backends too), so a figure can say what one request costs beside its limit.
 */
final class Cpu {
    /** Linux's clock ticks per second for /proc/stat ({@code getconf CLK_TCK}). */
    private static final double TICKS_PER_SECOND = 100;

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** CPU seconds spent since an earlier {@link #now()}. */
    record Spent(double jvmSeconds, double machineSeconds) {
        /** Microseconds per operation of {@code count}. */
        double jvmMicrosPer(double count) {
            return jvmSeconds * 1e6 / count;
        }

        double machineMicrosPer(double count) {
            return machineSeconds * 1e6 / count;
        }
    }

    private final long jvmNanos;
    private final long machineTicks;

    private Cpu(long jvmNanos, long machineTicks) {
        this.jvmNanos = jvmNanos;
        this.machineTicks = machineTicks;
    }

    static Cpu now() {
        return new Cpu(OS.getProcessCpuTime(), machineBusyTicks());
    }

    Spent since() {
        Cpu end = now();
        return new Spent((end.jvmNanos - jvmNanos) / 1e9, (end.machineTicks - machineTicks) / TICKS_PER_SECOND);
    }

    /** Busy ticks of all CPUs: the first line of /proc/stat without idle and iowait; 0 where there is none. */
    private static long machineBusyTicks() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
