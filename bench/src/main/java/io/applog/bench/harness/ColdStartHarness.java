package io.applog.bench.harness;

import io.applog.bench.Jvm;
import io.applog.bench.peer.Peers;
import io.applog.bench.report.HarnessResults;
import io.applog.internal.ClassDataArchive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold start: a child JVM ({@link ColdStartChild}) launched {@code runs} times per variant, each
 * opening applog and logging its first record into a new queue; the variants take turns (run i
 * of each, then run i + 1), so a change in the machine's load hits them alike. Variants:
 * <ul>
 *   <li>{@code no archive}: serial GC and the JDK's own class-data archive only (what the
 *   applog script ran with before it kept archives of its own);</li>
 *   <li>{@code default}: the options the applog script gives a one-record {@code applog log}:
 *   serial GC, C1 alone, and the class-data archive of the class path that the script and the
 *   drainer make by themselves ({@link ClassDataArchive}, trained by applog's commands);</li>
 *   <li>{@code appcds}: serial GC and an archive made by one run of the child itself
 *   ({@code -XX:ArchiveClassesAtExit}, then {@code -XX:SharedArchiveFile}: the two flags the
 *   README gives an application).</li>
 * </ul>
 * Then {@link ShellLogHarness}: one {@code applog log "message"} from a shell, wall time.
 */
public final class ColdStartHarness {
    private static final List<String> BASE = List.of("-XX:+UseSerialGC", "-Xshare:auto",
            "-D" + Jvm.SLF4J_PROVIDER + "=" + Jvm.APPLOG_PROVIDER);
    /** The applog script's options for a one-record {@code applog log}, before its archive's. */
    private static final List<String> SCRIPT_LOG = List.of("-XX:+UseSerialGC", "-Xshare:auto",
            "-XX:TieredStopAtLevel=1", "-D" + Jvm.SLF4J_PROVIDER + "=" + Jvm.APPLOG_PROVIDER);
    private static final long TRAINING_MILLIS = 300_000;

    private ColdStartHarness() {
    }

    public static List<HarnessResults.ColdStart> run(int runs) throws Exception {
        List<HarnessResults.ColdStart> results = new ArrayList<>();
        Path dir = Peers.tempDir("coldstart");
        try {
            Map<String, List<String>> variants = new LinkedHashMap<>();
            variants.put("no archive", BASE);
            variants.put("default", withArchive(SCRIPT_LOG, dir));
            Path archive = dir.resolve("app.jsa");
            List<String> dump = new ArrayList<>(BASE);
            dump.add("-XX:ArchiveClassesAtExit=" + archive);
            dump.add("-Xlog:cds*=off");
            once(dump, dir, 0);
            if (Files.exists(archive)) {
                List<String> cds = new ArrayList<>(BASE);
                cds.add("-XX:SharedArchiveFile=" + archive);
                cds.addAll(ClassDataArchive.QUIET);
                variants.put("appcds", cds);
            }
            results.addAll(interleaved(variants, runs, dir));
        } finally {
            Peers.delete(dir);
        }
        results.addAll(ShellLogHarness.run(runs));
        return results;
    }

    /** {@code jvm} plus the flags of the class path's archive, made now the way the script makes it. */
    private static List<String> withArchive(List<String> jvm, Path dir) throws InterruptedException {
        List<String> training = new ArrayList<>(Jvm.chronicleFlags());
        training.addAll(jvm);
        ClassDataArchive archive = ClassDataArchive.of(dir, "applog-bench", System.getProperty("java.class.path"),
                training);
        List<String> flags = new ArrayList<>(jvm);
        if (archive != null && archive.create(TRAINING_MILLIS)) {
            flags.addAll(archive.runFlags());
        } else {
            System.out.println("  default: no class-data archive (the class path is not all jars, or training failed)");
        }
        return flags;
    }

    private static List<HarnessResults.ColdStart> interleaved(Map<String, List<String>> variants, int runs, Path dir)
            throws Exception {
        int n = variants.size();
        double[][] jvmToFirst = new double[n][runs];
        double[][] launchToFirst = new double[n][runs];
        double[][] jvmToMain = new double[n][runs];
        double[][] mainToOpen = new double[n][runs];
        List<List<String>> options = new ArrayList<>(variants.values());
        for (int i = 0; i < runs; i++) {
            for (int v = 0; v < n; v++) {
                long[] r = once(options.get(v), dir, i * n + v + 1);
                jvmToFirst[v][i] = r[3] - r[1];
                launchToFirst[v][i] = r[3] - r[0];
                jvmToMain[v][i] = r[2] - r[1];
                mainToOpen[v][i] = r[4] - r[2];
            }
        }
        List<HarnessResults.ColdStart> results = new ArrayList<>();
        List<String> names = new ArrayList<>(variants.keySet());
        for (int v = 0; v < n; v++) {
            Arrays.sort(jvmToFirst[v]);
            Arrays.sort(launchToFirst[v]);
            Arrays.sort(jvmToMain[v]);
            Arrays.sort(mainToOpen[v]);
            results.add(new HarnessResults.ColdStart(names.get(v), runs, median(jvmToFirst[v]), jvmToFirst[v][0],
                    jvmToFirst[v][runs - 1], median(launchToFirst[v]), launchToFirst[v][runs - 1],
                    median(jvmToMain[v]), median(mainToOpen[v])));
        }
        return results;
    }

    /** One launch: {launched, jvm start, main, first returned, open returned} in epoch millis. */
    private static long[] once(List<String> jvm, Path dir, int run) throws Exception {
        Path queue = dir.resolve("queue-" + run);
        long launched = System.currentTimeMillis();
        try (Child child = Child.start("cold-" + run, jvm, ColdStartChild.class, List.of(queue.toString()), dir)) {
            String[] f = child.expect("COLD").split(" ");
            int exit = child.await(60);
            if (exit != 0 || !"0".equals(f[3])) {
                throw new IOException("cold start run " + run + " exited with " + exit + ", dropped " + f[3]
                        + ": " + child.stderr());
            }
            return new long[]{launched, Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                    Long.parseLong(f[4])};
        } finally {
            Peers.delete(queue);
        }
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
