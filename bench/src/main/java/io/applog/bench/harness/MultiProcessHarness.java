package io.applog.bench.harness;

import io.applog.bench.Jvm;
import io.applog.bench.peer.DrainerChild;
import io.applog.bench.peer.LineCounter;
import io.applog.bench.peer.Peers;
import io.applog.bench.report.HarnessResults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * N writer JVMs ({@link MultiWriterChild}) logging into one file at once: applog (each JVM
 * appends to its own queue; an {@code applog drain} JVM merges them into the file) against
 * Logback's FileAppender in prudent mode (every JVM writes the file itself under a file lock).
 * The writers start together on a signal, after their warm-up messages are in the file. The
 * CPU time of every process involved (the writers, and applog's drainer) is read from
 * {@code /proc} at the signal and once every timed line is in the file ({@link ProcessCpu}),
 * and of it, the part the JIT compiler threads still used in that window.
 */
public final class MultiProcessHarness {
    private static final List<String> WRITER_JVM = List.of("-XX:+UseSerialGC", "-Xms256m", "-Xmx256m");

    private MultiProcessHarness() {
    }

    /**
     * @param logger   {@link Peers#APPLOG} or {@link Peers#LOGBACK_PRUDENT}
     * @param messages timed messages per writer
     */
    public static HarnessResults.MultiProcess run(String logger, int processes, int warmup, int messages)
            throws Exception {
        boolean applog = Peers.APPLOG.equals(logger);
        String childPeer = applog ? Peers.APPLOG_NO_DRAINER : Peers.LOGBACK_PRUDENT;
        String provider = applog ? Jvm.APPLOG_PROVIDER : Jvm.NOP_PROVIDER;
        Path dir = Peers.tempDir("multi-" + logger);
        Path logfile = dir.resolve(applog ? "applog.log" : "logback.log");
        List<Child> children = new ArrayList<>();
        DrainerChild drainer = null;
        try (LineCounter lines = new LineCounter(logfile)) {
            if (applog) {
                drainer = DrainerChild.start(dir.resolve("queue"), logfile, "text", dir.resolve("drainer.out"));
            }
            List<String> jvm = new ArrayList<>(WRITER_JVM);
            jvm.add("-D" + Jvm.SLF4J_PROVIDER + "=" + provider);
            for (int i = 0; i < processes; i++) {
                children.add(Child.start("writer-" + i, jvm, MultiWriterChild.class,
                        List.of(childPeer, dir.toString(), "" + warmup, "" + messages), dir));
            }
            for (Child c : children) {
                c.expect("READY");
            }
            lines.awaitAtLeast((long) processes * warmup, 120);
            long[] writerPids = children.stream().mapToLong(c -> c.process().pid()).toArray();
            long drainerPid = drainer == null ? -1 : drainer.process().pid();
            long writersCpu0 = ProcessCpu.nanos(writerPids);
            long drainerCpu0 = drainer == null ? 0 : ProcessCpu.nanos(drainerPid);
            long[] allPids = drainer == null ? writerPids : LongStream.concat(LongStream.of(writerPids),
                    LongStream.of(drainerPid)).toArray();
            Map<String, Long> jit0 = ProcessCpu.jitNanos(allPids);
            long go = System.nanoTime();
            for (Child c : children) {
                c.send("GO");
            }
            long firstStart = Long.MAX_VALUE;
            long lastEnd = 0;
            long[] p50 = new long[processes];
            long worstP99 = 0;
            long worstP999 = 0;
            long worstCall = 0;
            for (int i = 0; i < processes; i++) {
                long[] r = Arrays.stream(children.get(i).expect("RESULT").split(" "))
                        .mapToLong(Long::parseLong).toArray();
                firstStart = Math.min(firstStart, r[0]);
                lastEnd = Math.max(lastEnd, r[1]);
                p50[i] = r[2];
                worstP99 = Math.max(worstP99, r[3]);
                worstP999 = Math.max(worstP999, r[4]);
                worstCall = Math.max(worstCall, r[5]);
            }
            long expected = (long) processes * (warmup + messages);
            lines.awaitAtLeast(expected, 600);
            long done = System.nanoTime();
            long writersCpu = ProcessCpu.nanos(writerPids) - writersCpu0;
            long drainerCpu = drainer == null ? 0 : ProcessCpu.nanos(drainerPid) - drainerCpu0;
            long jitCpu = ProcessCpu.jitNanos(jit0, ProcessCpu.jitNanos(allPids));
            for (Child c : children) {
                c.send("EXIT");
            }
            for (Child c : children) {
                int exit = c.await(60);
                if (exit != 0) {
                    throw new IOException("a writer exited with " + exit + ": " + c.stderr());
                }
            }
            if (drainer != null) {
                drainer.checkAlive();
            }
            long total = (long) processes * messages;
            Arrays.sort(p50);
            return new HarnessResults.MultiProcess(logger, processes, messages,
                    total * 1e9 / (lastEnd - firstStart), total * 1e9 / (done - go),
                    p50[(processes - 1) / 2], worstP99, worstP999, worstCall, lines.count(), expected,
                    (double) writersCpu / total, (double) drainerCpu / total, (double) jitCpu / total);
        } finally {
            for (Child c : children) {
                c.close();
            }
            if (drainer != null) {
                drainer.close();
            }
            Peers.delete(dir);
        }
    }
}
