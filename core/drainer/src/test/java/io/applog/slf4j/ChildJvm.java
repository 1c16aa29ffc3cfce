package io.applog.slf4j;

import io.applog.cli.Main;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A child JVM on the test classpath with the flags applog needs, its stdout and stderr kept in
 * files; and the drainer run in this JVM.
 */
public final class ChildJvm {
    static final List<String> FLAGS = java.util.stream.Stream.concat(
            io.applog.internal.JvmFlags.ALL.stream(),
            java.util.stream.Stream.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")).toList();

    private final String name;
    private final Process process;
    private final Path out;
    private final Path err;

    private ChildJvm(String name, Process process, Path out, Path err) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts {@code main} as process {@code name} writing into {@code queue} with no drainer;
     * {@code properties} are extra {@code -D} flags, {@code args} the program's arguments.
     */
    public static ChildJvm start(Path dir, Path queue, String name, Class<?> main,
                                 List<String> properties, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(FLAGS);
        cmd.add("-Dapplog.queue=" + queue);
        cmd.add("-Dapplog.drainer=none");
        cmd.add("-Dapplog.process=" + name);
        cmd.addAll(properties);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new ChildJvm(name, p, out, err);
    }

    /**
     * Waits until every child has exited (killing those still running after 30 s), then
     * asserts that each exited with code 0.
     */
    public static void awaitSuccess(List<ChildJvm> children) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<ChildJvm> hung = new ArrayList<>();
        for (ChildJvm child : children) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!child.process.waitFor(left, TimeUnit.NANOSECONDS)) {
                hung.add(child);
            }
        }
        for (ChildJvm child : hung) {
            child.process.destroyForcibly().waitFor();
        }
        for (ChildJvm child : children) {
            assertTrue(!hung.contains(child),
                    child.name + " did not exit within 30 s (deadlock?); stderr: " + child.stderr());
            assertEquals(0, child.process.exitValue(), child.name + " exit code; stderr: " + child.stderr());
        }
    }

    public String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    public String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /**
     * Runs {@code applog drain ... --timeout-sec 1} in this JVM and returns the logfile's
     * lines; the system property that {@link Main#run} sets is restored afterwards.
     */
    public static List<String> drain(Path queue, Path logfile, String format) throws IOException {
        String role = System.getProperty(io.applog.ApplogSettings.ROLE);
        int code;
        try {
            code = Main.run("drain", "--queue", queue.toString(), "--logfile", logfile.toString(),
                    "--format", format, "--timeout-sec", "1");
        } finally {
            if (role == null) {
                System.clearProperty(io.applog.ApplogSettings.ROLE);
            } else {
                System.setProperty(io.applog.ApplogSettings.ROLE, role);
            }
        }
        assertEquals(0, code, "drain exit code");
        return Files.readAllLines(logfile, StandardCharsets.UTF_8);
    }
}
