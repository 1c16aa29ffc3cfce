package io.applog.bench.harness;

import io.applog.bench.peer.Peers;
import io.applog.bench.report.HarnessResults;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code applog log "message"} from a shell, as shell scripts call it in loops: the real
 * {@code applog} script of the checkout the bench jar was built in, run by bash, wall time from
 * launch to exit. Calls with the script's class-data archive and without it
 * ({@code APPLOG_CDS=off}) take turns. One call first, not timed, builds what the script would
 * build and starts its archive's training, which is waited for.
 */
public final class ShellLogHarness {
    /** Row names. */
    public static final String WITH_ARCHIVE = "applog log, one call (wall)";
    public static final String WITHOUT_ARCHIVE = "applog log, one call, APPLOG_CDS=off (wall)";
    private static final long CALL_SECONDS = 600;
    private static final long TRAINING_SECONDS = 300;

    private ShellLogHarness() {
    }

    /** The two rows; none (and a line on stdout) where there is no applog script beside the bench module. */
    static List<HarnessResults.ColdStart> run(int calls) throws Exception {
        Path root = checkout();
        Path script = root == null ? null : root.resolve("applog");
        if (script == null || !Files.isRegularFile(script)) {
            System.out.println("  applog log: no applog script beside the bench module; not measured");
            return List.of();
        }
        Path dir = Peers.tempDir("shelllog");
        try {
            Path queue = dir.resolve("queue");
            call(script, queue, dir, false, "warm-up");
            awaitArchive(root.resolve("core/drainer/target"));
            double[] with = new double[calls];
            double[] without = new double[calls];
            for (int i = 0; i < calls; i++) {
                with[i] = call(script, queue, dir, false, "message " + i);
                without[i] = call(script, queue, dir, true, "message " + i);
            }
            return List.of(row(WITH_ARCHIVE, with), row(WITHOUT_ARCHIVE, without));
        } finally {
            Peers.delete(dir);
        }
    }

    private static HarnessResults.ColdStart row(String name, double[] wall) {
        Arrays.sort(wall);
        return new HarnessResults.ColdStart(name, wall.length, Double.NaN, Double.NaN, Double.NaN,
                ColdStartHarness.median(wall), wall[wall.length - 1], Double.NaN, Double.NaN);
    }

    /** One {@code bash applog log --queue Q MESSAGE}; its wall time in ms. Fails unless it exits 0 with empty stderr. */
    private static double call(Path script, Path queue, Path dir, boolean noArchive, String message)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "log", "--queue", queue.toString(), message)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("call.err").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("APPLOG_"));
        if (noArchive) {
            pb.environment().put("APPLOG_CDS", "off");
        }
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(CALL_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("applog log did not exit within " + CALL_SECONDS + " s");
        }
        long nanos = System.nanoTime() - start;
        String err = Files.readString(dir.resolve("call.err")).strip();
        boolean warmUp = "warm-up".equals(message);
        if (p.exitValue() != 0 || (!warmUp && !err.isEmpty())) {
            throw new IOException("applog log exited with " + p.exitValue() + ": " + err);
        }
        return nanos / 1e6;
    }

    /** Waits until the script's archive beside its jar is trained (no lock file, an archive or a failure mark). */
    private static void awaitArchive(Path target) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TRAINING_SECONDS);
        while (System.nanoTime() < deadline) {
            List<String> names = new ArrayList<>();
            try (var files = Files.list(target)) {
                files.forEach(f -> names.add(f.getFileName().toString()));
            }
            boolean training = names.stream().anyMatch(n -> n.endsWith(".jsa.lock"));
            boolean done = names.stream().anyMatch(n -> n.endsWith(".jsa") || n.endsWith(".jsa.failed"));
            if (!training && done) {
                return;
            }
            Thread.sleep(100);
        }
        System.out.println("  applog log: the script's archive was not made within " + TRAINING_SECONDS + " s");
    }

    /** The checkout: the bench jar is in bench/target, its classes in bench/target/classes. */
    private static Path checkout() throws URISyntaxException {
        Path code = Path.of(ShellLogHarness.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path target = code.getParent();
        Path module = target == null ? null : target.getParent();
        return module == null ? null : module.getParent();
    }
}
