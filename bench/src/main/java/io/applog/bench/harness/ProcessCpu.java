package io.applog.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time a process has used so far (user + system, all its threads), from
 * {@code /proc/PID/stat}: fields {@code utime} and {@code stime}, in clock ticks. Taken at the
 * start and the end of a timed window by the parent, so every process of a run is measured the
 * same way, whatever it runs, and the figure does not depend on how many cores the machine has.
 */
final class ProcessCpu {
    /** Clock ticks per second ({@code getconf CLK_TCK}); 100 on Linux unless the kernel says otherwise. */
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcessCpu() {
    }

    /**
     * CPU nanoseconds used by {@code pid} so far; resolution one clock tick (10 ms at 100 Hz).
     *
     * @throws IOException if the process is gone or {@code /proc} cannot be read
     */
    static long nanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        return cpuNanos(stat);
    }

    /**
     * CPU nanoseconds used so far by the JIT compiler threads ({@code C1 CompilerThread},
     * {@code C2 CompilerThread}) of each process of {@code pids}, by thread id: a thread's
     * share of a window is its figure at the end less its figure at the start (0 if new).
     * A compiler thread that ends within the window takes its share with it (the JVM may stop
     * an idle one), so the JIT's part of a window is at least what this gives.
     */
    static Map<String, Long> jitNanos(long[] pids) throws IOException {
        Map<String, Long> byThread = new HashMap<>();
        for (long pid : pids) {
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks) {
                    String stat;
                    try {
                        stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                    } catch (NoSuchFileException e) {
                        continue; // the thread ended meanwhile
                    }
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                        byThread.put(pid + "/" + task.getFileName(), cpuNanos(stat));
                    }
                }
            }
        }
        return byThread;
    }

    /** The JIT's CPU nanoseconds between two {@link #jitNanos} of the same processes. */
    static long jitNanos(Map<String, Long> start, Map<String, Long> end) {
        long sum = 0;
        for (Map.Entry<String, Long> e : end.entrySet()) {
            sum += e.getValue() - start.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    /** utime + stime of a {@code stat} line, in nanoseconds. */
    private static long cpuNanos(String stat) {
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, the fields start after the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of the whole line
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /** Sum of {@link #nanos} over {@code pids}. */
    static long nanos(long[] pids) throws IOException {
        long sum = 0;
        for (long pid : pids) {
            sum += nanos(pid);
        }
        return sum;
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (p.waitFor() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | RuntimeException e) {
            // the default below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
