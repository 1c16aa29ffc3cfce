package io.applog.demo;

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
 * Runs the demo launcher as a child JVM (it becomes process {@code main} and sets applog's
 * system properties, so it must not run inside the test JVM), with {@code java.io.tmpdir} in
 * the test's directory so that its queue dir can be checked afterwards.
 */
final class DemoRunner {
    private static final long TIMEOUT_SECONDS = 120;

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

    static DemoRunner run(Path dir, String... args) throws IOException, InterruptedException {
        return start(dir, args).finish();
    }

    /** Starts the demo; {@link Running#finish()} waits for it. */
    static Running start(Path dir, String... args) throws IOException {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ChildJvms.MODULE_ACCESS);
        cmd.addAll(ChildJvms.RUNTIME);
        cmd.add("-Djava.io.tmpdir=" + tmp);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(DemoLauncher.class.getName());
        cmd.addAll(List.of(args));
        Path out = dir.resolve("demo.out");
        Path err = dir.resolve("demo.err");
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new Running(dir, p, out, err);
    }

    /** A demo run in progress. */
    static final class Running {
        final Path dir;
        final Process process;
        private final Path out;
        private final Path err;

        private Running(Path dir, Process process, Path out, Path err) {
            this.dir = dir;
            this.process = process;
            this.out = out;
            this.err = err;
        }

        /** True while a worker JVM of the run is alive. */
        boolean workersRunning() {
            return process.descendants().anyMatch(p -> p.info().arguments()
                    .map(a -> List.of(a).contains(WorkerMain.class.getName())).orElse(false));
        }

        /**
         * Waits for the demo to exit (killing it and what it started after {@link #TIMEOUT_SECONDS}),
         * kills any drainer it left running, and returns what it printed.
         */
        DemoRunner finish() throws IOException, InterruptedException {
            boolean exited = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!exited) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            int leftovers = killLeftovers(dir);
            if (!exited) {
                fail("the demo did not finish within " + TIMEOUT_SECONDS + " s; stdout:\n"
                        + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
            }
            return new DemoRunner(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), leftovers);
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
