package io.applog.testing;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The one harness for child processes in the tests: each child is started with a name, stdin
 * from /dev/null and stdout and stderr in {@code <logs>/<name>.out|.err}; every wait on a child
 * has a deadline and fails saying what the child printed; {@link #close} kills every child
 * started here that still runs, and its descendants, whatever the outcome of the test (passed,
 * failed, timed out), so no test leaves a drainer behind. If the test JVM itself is stopped, a
 * shutdown hook kills what is still running.
 */
public final class Children implements AutoCloseable {
    /** How long {@link #close} waits for the killed processes to be gone. */
    private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Children of every instance not closed yet: the shutdown hook's list. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Children::kill), "kill-test-children"));
    }

    private final Path logs;
    private final List<Process> started = new ArrayList<>();
    private final Map<String, Process> byName = new HashMap<>();

    /** Children whose output goes to files in {@code logs} (an existing directory). */
    public Children(Path logs) {
        this.logs = logs;
    }

    /** The directory of the children's output files. */
    public Path logs() {
        return logs;
    }

    /** Starts {@code main} as a child JVM ({@link Jvm#command}). */
    public Process start(String name, Class<?> main, List<String> jvmArgs, String... args) throws IOException {
        return start(name, new ProcessBuilder(Jvm.command(main, jvmArgs, args)));
    }

    /** As {@link #start(String, Class, List, String...)}, with {@code env} added to the environment. */
    public Process start(String name, Class<?> main, List<String> jvmArgs, java.util.Map<String, String> env,
                         String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Jvm.command(main, jvmArgs, args));
        pb.environment().putAll(env);
        return start(name, pb);
    }

    /**
     * Processes other than this one whose command line names this harness's directory: those
     * the children started that outlived them (a drainer a writer started in drainer mode auto
     * runs in its own session, so it is no descendant of anything here).
     */
    public List<ProcessHandle> startedIndirectly() {
        String dir = logs.toString();
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses().filter(p -> p.pid() != self && p.info().arguments()
                .map(a -> String.join(" ", a).contains(dir)).orElse(false)).toList();
    }

    /**
     * Starts {@code main} as an application with applog as its SLF4J provider, logging into
     * {@code queue} as process {@code name} and starting no drainer ({@link Jvm#application}),
     * with {@code jvmArgs} after those properties.
     */
    public Process application(String name, Path queue, Class<?> main, List<String> jvmArgs, String... args)
            throws IOException {
        List<String> all = new ArrayList<>(Jvm.application(queue, name));
        all.addAll(jvmArgs);
        return start(name, main, all, args);
    }

    /** Starts {@code applog drain --queue queue --logfile logfile extra} as a child JVM. */
    public Process drainer(String name, Path queue, Path logfile, String... extra) throws IOException {
        return drainer(name, List.of(), queue, logfile, extra);
    }

    /** Starts {@code applog drain} as a child JVM with extra JVM arguments. */
    public Process drainer(String name, List<String> jvmArgs, Path queue, Path logfile, String... extra)
            throws IOException {
        return start(name, new ProcessBuilder(Jvm.drainer(jvmArgs, queue, logfile, extra)));
    }

    /** Starts any command (a JVM under unshare, a shell script, ...). */
    public Process command(String name, List<String> command) throws IOException {
        return start(name, new ProcessBuilder(command));
    }

    /** Starts {@code main} on the test class path with standard input read from {@code stdin}. */
    public Process startWithInput(String name, Path stdin, Class<?> main, List<String> jvmArgs, String... args)
            throws IOException {
        return start(name, new ProcessBuilder(Jvm.command(main, jvmArgs, args)), stdin.toFile());
    }

    /**
     * Starts {@code builder} (its command, directory and environment as the caller set them)
     * with stdin from /dev/null and stdout and stderr in this harness's files for {@code name}.
     */
    public Process start(String name, ProcessBuilder builder) throws IOException {
        return start(name, builder, new File("/dev/null"));
    }

    private Process start(String name, ProcessBuilder builder, File stdin) throws IOException {
        builder.redirectInput(ProcessBuilder.Redirect.from(stdin));
        builder.redirectOutput(logs.resolve(name + ".out").toFile());
        builder.redirectError(logs.resolve(name + ".err").toFile());
        Process p = builder.start();
        started.add(p);
        RUNNING.add(p);
        byName.put(name, p);
        return p;
    }

    /** The child last started as {@code name}; fails if there is none. */
    public Process process(String name) {
        Process p = byName.get(name);
        if (p == null) {
            fail("no child named " + name + " (started: " + byName.keySet() + ")");
        }
        return p;
    }

    /** Everything {@code name} printed on stderr so far. */
    public String stderr(String name) throws IOException {
        return Files.readString(logs.resolve(name + ".err"), StandardCharsets.UTF_8);
    }

    /** Everything {@code name} printed on stdout so far. */
    public String stdoutText(String name) throws IOException {
        return Files.readString(logs.resolve(name + ".out"), StandardCharsets.UTF_8);
    }

    /** The complete lines on {@code name}'s stdout (a line cut by a kill is left out). */
    public List<String> stdout(String name) throws IOException {
        String all = stdoutText(name);
        int end = all.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(all.substring(0, end).split("\n", -1));
    }

    /** The count in the last line {@code done N} of {@code name}'s standard output; fails if it did not finish. */
    public int done(String name) throws IOException {
        String last = lastLine(name);
        if (!last.startsWith("done ")) {
            fail(name + " did not finish: last line '" + last + "'");
        }
        return Integer.parseInt(last.substring(5));
    }

    /** The last complete line on {@code name}'s stdout, read from the end of the file; "" if none. */
    public String lastLine(String name) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(logs.resolve(name + ".out").toFile(), "r")) {
            long from = Math.max(0, f.length() - 256);
            byte[] tail = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(tail);
            String s = new String(tail, StandardCharsets.UTF_8);
            int end = s.lastIndexOf('\n');
            return end < 0 ? "" : s.substring(s.lastIndexOf('\n', end - 1) + 1, end);
        }
    }

    /** Waits up to {@code seconds} for {@code p} to exit and returns its exit code. */
    public int exit(Process p, String name, int seconds) throws InterruptedException, IOException {
        return exit(p, name, seconds, "");
    }

    /**
     * Waits up to {@code seconds} for {@code p} to exit and returns its exit code; else fails,
     * starting the message with {@code context}, with a thread dump in {@code <name>.jstack}.
     */
    public int exit(Process p, String name, int seconds, String context) throws InterruptedException, IOException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            Path dump = logs.resolve(name + ".jstack");
            Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                    Long.toString(p.pid())).redirectErrorStream(true).redirectOutput(dump.toFile()).start();
            if (!jstack.waitFor(30, TimeUnit.SECONDS)) {
                jstack.destroyForcibly();
            }
            fail(context + name + " did not exit within " + seconds + " s; thread dump in " + dump
                    + "; stderr: " + stderr(name));
        }
        return p.exitValue();
    }

    /**
     * Waits for a drainer {@code p} to exit while it makes progress: fails (with a thread dump)
     * once {@code logfile} has not grown for {@code stallSeconds} and {@code p} still runs, so a
     * long backlog on a loaded machine is not mistaken for a hang. Returns the exit code.
     */
    public int exitWhileGrowing(Process p, String name, Path logfile, int stallSeconds, String context)
            throws InterruptedException, IOException {
        long size = -1;
        long stalledSince = System.nanoTime();
        while (!p.waitFor(1, TimeUnit.SECONDS)) {
            long now = Files.exists(logfile) ? Files.size(logfile) : 0;
            if (now != size) {
                size = now;
                stalledSince = System.nanoTime();
            } else if (System.nanoTime() - stalledSince > TimeUnit.SECONDS.toNanos(stallSeconds)) {
                return exit(p, name, 0, context + "(" + logfile.getFileName() + " stuck at " + size + " bytes) ");
            }
        }
        return p.exitValue();
    }

    /**
     * Waits up to {@code seconds} for every child of {@code names} to exit, then asserts that
     * each exited with code 0 (the message names the child and quotes its stderr).
     */
    public void awaitSuccess(int seconds, String... names) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (String name : names) {
            Process p = process(name);
            if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                exit(p, name, 0, "(all of " + List.of(names) + " within " + seconds + " s) ");
            }
            assertEquals(0, p.exitValue(), name + " exit code; stderr: " + stderr(name));
        }
    }

    /** Waits up to {@code seconds} until {@code name} printed at least {@code n} complete lines on stdout. */
    public void awaitLines(String name, int n, int seconds) throws InterruptedException, IOException {
        await(seconds, () -> name + " printed " + stdout(name).size() + " of " + n + " lines; stderr: " + stderr(name),
                () -> stdout(name).size() >= n);
    }

    /** Waits up to 30 s until {@code n} writer queues exist under {@code queue}, so a drainer started now cannot time out first. */
    public void awaitWriters(Path queue, int n) throws InterruptedException, IOException {
        await(30, () -> "fewer than " + n + " writer queues under " + queue, () -> writers(queue) >= n);
    }

    private static long writers(Path queue) throws IOException {
        if (!Files.isDirectory(queue)) {
            return 0;
        }
        try (var dirs = Files.list(queue)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("w-")).count();
        }
    }

    /** What a wait waits for. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws IOException;
    }

    /** What a wait that timed out says. */
    @FunctionalInterface
    public interface Description {
        String text() throws IOException;
    }

    /**
     * Checks {@code condition} every 10 ms for up to {@code seconds}; fails with
     * "{@code what} after N s" if it does not hold by then.
     */
    public static void await(int seconds, Description what, Condition condition)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                fail(what.text() + " after " + seconds + " s");
            }
            Thread.sleep(10);
        }
    }

    /** Sends {@code signal} (KILL, STOP, CONT, ...) to {@code p} with kill(1). */
    public static void signal(Process p, String signal) throws IOException, InterruptedException {
        signal(p.pid(), signal);
    }

    /** Sends {@code signal} to the process {@code pid} with kill(1). */
    public static void signal(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS)) {
            kill.destroyForcibly();
            throw new IOException("kill -" + signal + " " + pid + " did not return within 10 s");
        }
        if (kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + pid + " failed: exit " + kill.exitValue());
        }
    }

    /**
     * Kills every child started here that still runs, with its descendants, and waits up to
     * 10 s for them to be gone. Runs to the end even if the thread was interrupted (a timed-out
     * test), and keeps the interrupt.
     */
    @Override
    public void close() {
        boolean interrupted = Thread.interrupted();
        List<ProcessHandle> killed = new ArrayList<>();
        for (Process p : started) {
            killed.addAll(kill(p));
        }
        for (ProcessHandle h : startedIndirectly()) {
            h.destroyForcibly();
            killed.add(h);
        }
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        // polled: onExit() of a process that is not our child polls far more slowly
        while (killed.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (ProcessHandle h : killed) {
            if (h.isAlive()) {
                System.err.println("test harness: pid " + h.pid() + " still runs 10 s after kill -9");
            }
        }
        started.forEach(RUNNING::remove);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * kill -9 of {@code p} if it still runs, then of its descendants (listed before, as they are
     * no longer its descendants once it is gone); returns the processes killed.
     */
    private static List<ProcessHandle> kill(Process p) {
        if (!p.isAlive()) {
            return List.of();
        }
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(p.toHandle());
        tree.addAll(p.descendants().toList());
        for (ProcessHandle h : tree) {
            h.destroyForcibly();
        }
        return tree;
    }
}
