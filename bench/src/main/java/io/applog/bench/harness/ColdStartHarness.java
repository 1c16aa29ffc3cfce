package io.applog.bench.harness;

import io.applog.bench.Jvm;
import io.applog.bench.peer.Peers;
import io.applog.bench.report.HarnessResults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cold start: a child JVM ({@link ColdStartChild}) launched {@code runs} times, each opening
 * applog and logging its first record into a new queue. Variants: {@code default}, the JVM
 * options of the {@code applog} script (serial GC, the JDK's CDS archive), and {@code appcds},
 * the same plus a dynamic AppCDS archive of the bench jar made by one extra run first.
 */
public final class ColdStartHarness {
    private static final List<String> JVM = List.of("-XX:+UseSerialGC", "-Xshare:auto",
            "-D" + Jvm.SLF4J_PROVIDER + "=" + Jvm.APPLOG_PROVIDER);

    private ColdStartHarness() {
    }

    public static List<HarnessResults.ColdStart> run(int runs) throws Exception {
        List<HarnessResults.ColdStart> results = new ArrayList<>();
        Path dir = Peers.tempDir("coldstart");
        try {
            results.add(variant("default", JVM, runs, dir));
            Path archive = dir.resolve("applog-bench.jsa");
            List<String> dump = new ArrayList<>(JVM);
            dump.add("-XX:ArchiveClassesAtExit=" + archive);
            once(dump, dir, 0);
            if (Files.exists(archive)) {
                List<String> cds = new ArrayList<>(JVM);
                cds.add("-XX:SharedArchiveFile=" + archive);
                results.add(variant("appcds", cds, runs, dir));
            }
        } finally {
            Peers.delete(dir);
        }
        return results;
    }

    private static HarnessResults.ColdStart variant(String name, List<String> jvm, int runs, Path dir)
            throws Exception {
        double[] jvmToFirst = new double[runs];
        double[] launchToFirst = new double[runs];
        double[] jvmToMain = new double[runs];
        double[] mainToOpen = new double[runs];
        for (int i = 0; i < runs; i++) {
            long[] r = once(jvm, dir, i + 1);
            jvmToFirst[i] = r[3] - r[1];
            launchToFirst[i] = r[3] - r[0];
            jvmToMain[i] = r[2] - r[1];
            mainToOpen[i] = r[4] - r[2];
        }
        Arrays.sort(jvmToFirst);
        Arrays.sort(launchToFirst);
        Arrays.sort(jvmToMain);
        Arrays.sort(mainToOpen);
        return new HarnessResults.ColdStart(name, runs, median(jvmToFirst), jvmToFirst[0],
                jvmToFirst[runs - 1], median(launchToFirst), launchToFirst[runs - 1], median(jvmToMain),
                median(mainToOpen));
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
