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
    private static final long TIMEOUT_SECONDS = 60;

    final int exitCode;
    final String stdout;
    final String stderr;

    private DemoRunner(int exitCode, String stdout, String stderr) {
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static DemoRunner run(Path dir, String... args) throws IOException, InterruptedException {
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
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("the demo did not finish within " + TIMEOUT_SECONDS + " s; stdout:\n"
                    + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
        }
        return new DemoRunner(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
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
