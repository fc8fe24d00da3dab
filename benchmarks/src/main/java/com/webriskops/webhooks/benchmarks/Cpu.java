package com.webriskops.webhooks.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent while a figure ran: this JVM's (server, kit and load driver alike) and its JIT
 * compilers' share, the embedded PostgreSQL's processes' and the whole machine's, so a figure can say
 * what one request costs beside its limit, and a warm-up can tell when compiling is done. Linux only
 * (/proc); elsewhere the shares read 0.
 */
final class Cpu {
    /** Linux's clock ticks per second for /proc/stat ({@code getconf CLK_TCK}). */
    private static final double TICKS_PER_SECOND = 100;

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /**
     * CPU seconds spent since an earlier {@link #now()}: this JVM's, the part of it its JIT compiler
     * threads spent (code still being compiled is not the steady state), the embedded PostgreSQL's
     * processes' (see {@link #watchPostgres}), and the whole machine's (which holds other work on a
     * shared machine).
     */
    record Spent(double jvmSeconds, double compilerSeconds, double postgresSeconds, double machineSeconds) {}

    /** The embedded PostgreSQL's postmaster process id; 0 until {@link #watchPostgres} found it. */
    private static volatile long postmaster;

    private final long jvmNanos;
    private final long compilerTicks;
    private final long postgresTicks;
    private final long machineTicks;

    private Cpu(long jvmNanos, long compilerTicks, long postgresTicks, long machineTicks) {
        this.jvmNanos = jvmNanos;
        this.compilerTicks = compilerTicks;
        this.postgresTicks = postgresTicks;
        this.machineTicks = machineTicks;
    }

    static Cpu now() {
        return new Cpu(OS.getProcessCpuTime(), compilerTicks(), postgresTicks(), machineBusyTicks());
    }

    Spent since() {
        Cpu end = now();
        return new Spent(
                (end.jvmNanos - jvmNanos) / 1e9,
                (end.compilerTicks - compilerTicks) / TICKS_PER_SECOND,
                (end.postgresTicks - postgresTicks) / TICKS_PER_SECOND,
                (end.machineTicks - machineTicks) / TICKS_PER_SECOND);
    }

    /**
     * Counts the processes of the PostgreSQL server {@code connection} is connected to (its postmaster
     * and the postmaster's children: backends, WAL writer, checkpointer, autovacuum) as PostgreSQL's,
     * so its share is told apart from other work on a shared machine. Only a server on this machine
     * can be watched; otherwise PostgreSQL's share stays 0.
     */
    static void watchPostgres(java.sql.Connection connection) {
        try (java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet backend = statement.executeQuery("SELECT pg_backend_pid()")) {
            if (backend.next()) {
                String[] fields = statFields(Files.readString(Path.of("/proc/" + backend.getInt(1) + "/stat")));
                postmaster = Long.parseLong(fields[1]);
            }
        } catch (IOException | java.sql.SQLException | RuntimeException e) {
            postmaster = 0;
        }
    }

    /** Ticks the watched PostgreSQL's processes have run; 0 when none is watched. */
    private static long postgresTicks() {
        long server = postmaster;
        if (server == 0) {
            return 0;
        }
        long ticks = 0;
        try (java.util.stream.Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String pid = process.getFileName().toString();
                if (!pid.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String[] fields = statFields(Files.readString(process.resolve("stat")));
                    if (Long.parseLong(pid) == server || Long.parseLong(fields[1]) == server) {
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    }
                } catch (IOException | RuntimeException e) {
                    // The process ended while being read.
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return ticks;
    }

    /** The fields of a /proc stat line after the command name: state, ppid, ... (utime is [11]). */
    private static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /**
     * Ticks this JVM's JIT compiler threads ({@code C1 CompilerThread*}, {@code C2 CompilerThread*})
     * have run, from /proc/self/task; 0 where there is none. A thread that ended meanwhile drops out of
     * the sum, so a difference may come out low, never high.
     */
    private static long compilerTicks() {
        long ticks = 0;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                        String[] fields = statFields(stat);
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    }
                } catch (IOException | RuntimeException e) {
                    // The thread ended while being read.
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return ticks;
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
