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
    private static final int TIMEOUT_SECONDS = 60;

    final int exitCode;
    final String stdout;
    final String stderr;

    private DemoRunner(int exitCode, String stdout, String stderr) {
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static DemoRunner run(Children children, String... args) throws IOException, InterruptedException {
        Path dir = children.logs();
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> jvmArgs = new ArrayList<>(); // Jvm.command adds the flags file
        jvmArgs.add("-Xmx64m");
        jvmArgs.add("-Djava.io.tmpdir=" + tmp);
        Process p = children.start("demo", new ProcessBuilder(Jvm.command(DemoLauncher.class, jvmArgs, args))
                .directory(dir.toFile()));
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            fail("the demo did not finish within " + TIMEOUT_SECONDS + " s; stdout:\n"
                    + children.stdoutText("demo") + "\nstderr:\n" + children.stderr("demo"));
        }
        return new DemoRunner(p.exitValue(), children.stdoutText("demo"), children.stderr("demo"));
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
