package io.applog.demo;

import io.applog.testing.Children;
import io.applog.testing.Jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the demo launcher as a child JVM (it becomes process {@code main} and sets applog's
 * system properties, so it must not run inside the test JVM), started through the test's
 * {@link Children} (so it and its workers and drainer are killed after the test whatever
 * happened), in the test's directory and with {@code java.io.tmpdir} there, so that its queue
 * dir can be checked afterwards.
 */
final class DemoRunner {
    private static final int TIMEOUT_SECONDS = 120;

    final int exitCode;
    final String stdout;
    final String stderr;
    /** Processes of the run still alive after the demo exited (killed then). */
    final int leftovers;

    private DemoRunner(int exitCode, String stdout, String stderr, int leftovers) {
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
        this.leftovers = leftovers;
    }

    static DemoRunner run(Children children, String... args) throws IOException, InterruptedException {
        return start(children, args).finish();
    }

    /** Starts the demo through {@code children}; {@link Running#finish()} waits for it. */
    static Running start(Children children, String... args) throws IOException {
        Path dir = children.logs();
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> jvmArgs = new ArrayList<>(); // Jvm.command adds the flags file
        jvmArgs.add("-Xmx64m");
        jvmArgs.add("-Djava.io.tmpdir=" + tmp);
        Process p = children.start("demo", new ProcessBuilder(Jvm.command(DemoLauncher.class, jvmArgs, args))
                .directory(dir.toFile()));
        return new Running(children, p);
    }

    /** A demo run in progress. */
    static final class Running {
        private final Children children;
        final Process process;

        private Running(Children children, Process process) {
            this.children = children;
            this.process = process;
        }

        /** True while a worker JVM of the run is alive. */
        boolean workersRunning() {
            return process.descendants().anyMatch(p -> p.info().arguments()
                    .map(a -> List.of(a).contains(WorkerMain.class.getName())).orElse(false));
        }

        /**
         * Waits for the demo to exit (at most {@link #TIMEOUT_SECONDS}; the harness kills it and what
         * it started after the test), kills any drainer it left running, and returns what it printed.
         */
        DemoRunner finish() throws IOException, InterruptedException {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("the demo did not finish within " + TIMEOUT_SECONDS + " s; stdout:\n"
                        + children.stdoutText("demo") + "\nstderr:\n" + children.stderr("demo"));
            }
            int leftovers = killLeftovers(children.logs());
            return new DemoRunner(process.exitValue(), children.stdoutText("demo"), children.stderr("demo"), leftovers);
        }
    }

    /**
     * Kills the processes whose command line names {@code dir} (a drainer of the run's queue dir
     * runs in its own session and outlives the demo if it does not stop); returns how many.
     */
    static int killLeftovers(Path dir) {
        String name = dir.toString();
        List<ProcessHandle> left = ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid()
                && p.info().arguments().map(a -> String.join(" ", a).contains(name)).orElse(false)).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        return left.size();
    }

    /** The queue dirs the run left in its {@code java.io.tmpdir}. */
    static List<Path> queueDirsLeft(Path dir) throws IOException {
        List<Path> left = new ArrayList<>();
        try (var entries = Files.newDirectoryStream(dir.resolve("tmp"), "applog-demo-*")) {
            entries.forEach(left::add);
        }
        return left;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
