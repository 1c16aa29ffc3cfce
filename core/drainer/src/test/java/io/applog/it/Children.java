package io.applog.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The child processes of one test, with stdout and stderr in {@code <logs>/<name>.out|.err}.
 * Bounded waits only; whatever is still running when the test ends is killed ({@link #close}),
 * so a failed test leaves no drainer behind: the processes started here, and those they started
 * that outlived them (a drainer a writer started in drainer mode auto runs in its own session),
 * found by the test's own directory on their command line.
 */
final class Children implements AutoCloseable {
    private final Path logs;
    private final List<Process> started = new ArrayList<>();

    Children(Path logs) {
        this.logs = logs;
    }

    Process start(String name, Class<?> main, List<String> jvmArgs, String... args) throws IOException {
        return add(Jvm.start(logs, name, main, jvmArgs, args));
    }

    /** As {@link #start(String, Class, List, String...)}, with {@code env} added to the environment. */
    Process start(String name, Class<?> main, List<String> jvmArgs, java.util.Map<String, String> env, String... args)
            throws IOException {
        return add(Jvm.start(logs, name, main, jvmArgs, env, args));
    }

    Process drainer(String name, Path queue, Path logfile, String... extra) throws IOException {
        return add(Jvm.drainer(logs, name, queue, logfile, extra));
    }

    Process drainer(String name, List<String> jvmArgs, Path queue, Path logfile, String... extra) throws IOException {
        return add(Jvm.drainer(logs, name, jvmArgs, queue, logfile, extra));
    }

    /** Starts any command (a JVM under unshare, say). */
    Process command(String name, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectOutput(logs.resolve(name + ".out").toFile());
        pb.redirectError(logs.resolve(name + ".err").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return add(pb.start());
    }

    private Process add(Process p) {
        started.add(p);
        return p;
    }

    String stderr(String name) throws IOException {
        return Files.readString(logs.resolve(name + ".err"), StandardCharsets.UTF_8);
    }

    /** The complete lines on {@code name}'s stdout (a line cut by a kill is left out). */
    List<String> stdout(String name) throws IOException {
        String all = Files.readString(logs.resolve(name + ".out"), StandardCharsets.UTF_8);
        int end = all.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(all.substring(0, end).split("\n", -1));
    }

    /** The last complete line on {@code name}'s stdout, read from the end of the file; "" if none. */
    String lastLine(String name) throws IOException {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(logs.resolve(name + ".out").toFile(), "r")) {
            long from = Math.max(0, f.length() - 256);
            byte[] tail = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(tail);
            String s = new String(tail, StandardCharsets.UTF_8);
            int end = s.lastIndexOf('\n');
            return end < 0 ? "" : s.substring(s.lastIndexOf('\n', end - 1) + 1, end);
        }
    }

    /** The N of the "done N" line a {@link CheckedWriterMain} prints when it has finished. */
    int done(String name) throws IOException {
        String last = lastLine(name);
        if (!last.startsWith("done ")) {
            fail(name + " did not finish: last line '" + last + "'");
        }
        return Integer.parseInt(last.substring(5));
    }

    /** Waits up to {@code seconds} for {@code p} to exit and returns its exit code. */
    int exit(Process p, String name, int seconds) throws InterruptedException, IOException {
        return exit(p, name, seconds, "");
    }

    /**
     * Waits up to {@code seconds} for {@code p} to exit and returns its exit code; else fails,
     * starting the message with {@code context}, with a thread dump in {@code <name>.jstack}.
     */
    int exit(Process p, String name, int seconds, String context) throws InterruptedException, IOException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            Path dump = logs.resolve(name + ".jstack");
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                    Long.toString(p.pid())).redirectErrorStream(true).redirectOutput(dump.toFile()).start()
                    .waitFor(30, TimeUnit.SECONDS);
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
    int exitWhileGrowing(Process p, String name, Path logfile, int stallSeconds, String context)
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

    /** Waits up to {@code seconds} until {@code name} printed at least {@code n} lines on stdout. */
    void awaitLines(String name, int n, int seconds) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (stdout(name).size() < n) {
            if (System.nanoTime() > deadline) {
                fail(name + " printed fewer than " + n + " lines within " + seconds + " s; stderr: " + stderr(name));
            }
            Thread.sleep(10);
        }
    }

    /** Processes other than this one whose command line names this test's directory. */
    List<ProcessHandle> startedIndirectly() {
        String dir = logs.toString();
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses().filter(p -> p.pid() != self && p.info().arguments()
                .map(args -> String.join(" ", args).contains(dir)).orElse(false)).toList();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        for (ProcessHandle p : startedIndirectly()) {
            p.destroyForcibly();
        }
    }
}
