package io.applog.it;

import io.applog.testing.ChildProcessTest;
import io.applog.testing.Children;
import io.applog.testing.Jvm;
import io.applog.testing.LogLine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Writers and drainers as real JVM processes on real files. */
class MultiProcessTest extends ChildProcessTest {
    @Test
    void shouldMergeThreeWritersCompletelyInOrderAndExitAfterTheHeartbeatStops() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        for (int w = 1; w <= 3; w++) {
            children.start("w" + w, WriterMain.class, List.of(), queue.toString(), "writer-" + w, "20000", "5000", "100");
        }
        children.awaitWriters(queue, 3);
        Process drainer = children.drainer("drainer", queue, logfile, "--timeout-sec", "2");
        children.awaitSuccess(60, "w1", "w2", "w3");
        long lastWriterExit = System.nanoTime();
        int exitCode = children.exit(drainer, "drainer", 30);
        long exitMillis = (System.nanoTime() - lastWriterExit) / 1_000_000;
        Instant exited = Instant.now();
        assertEquals(0, exitCode, children.stderr("drainer"));
        assertTrue(exitMillis <= 3_000 + 500, "drainer exit " + exitMillis + " ms after the last writer; timeout 2 s");

        LogFile log = LogFile.read(logfile);
        Instant lastRecord = LogLine.of(log.lines.get(log.lines.size() - 1), "").instant();
        long quietMillis = Duration.between(lastRecord, exited).toMillis();
        assertTrue(quietMillis >= 2_000, "drainer exit " + quietMillis + " ms after the last record; timeout 2 s");
        assertEquals(60_000, log.lines.size());
        Map<String, List<Integer>> seqs = log.sequences();
        for (int w = 1; w <= 3; w++) {
            LogFile.assertRange(seqs.get("writer-" + w), 20_000, "writer-" + w);
        }
        log.assertTimestampOrder();
        assertEquals("", children.stderr("drainer"));
        assertEquals(List.of("drainer.checkpoint", "drainer.lock"), list(queue),
                "drained writer directories are removed");
    }

    @Test
    void shouldKeepEveryReturnedRecordOfAWriterKilledMidStream() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        Process victim = children.start("victim", WriterMain.class, List.of("-Dprogress=true"),
                queue.toString(), "victim", "10000000");
        Process survivor = children.start("survivor", WriterMain.class, List.of(),
                queue.toString(), "survivor", "30000", "1000", "10");
        Path out = tmp.resolve("victim.out");
        Children.await(30, () -> "the victim printed " + Files.size(out) + " bytes", () -> Files.size(out) >= 200_000);
        Children.signal(victim, "KILL");
        assertEquals(137, children.exit(victim, "victim", 10));
        assertEquals(0, children.exit(survivor, "survivor", 60), children.stderr("survivor"));

        Process drainer = children.drainer("drainer", queue, logfile, "--timeout-sec", "1");
        assertEquals(0, children.exit(drainer, "drainer", 30), children.stderr("drainer"));

        List<String> printed = children.stdout("victim");
        int returned = Integer.parseInt(printed.get(printed.size() - 1));
        Map<String, List<Integer>> seqs = LogFile.read(logfile).sequences();
        List<Integer> victimSeqs = seqs.get("victim");
        // every call that returned is there; the one in flight (returned or not) may be
        assertTrue(victimSeqs.size() == returned || victimSeqs.size() == returned + 1,
                victimSeqs.size() + " records for " + returned + " returned calls");
        LogFile.assertRange(victimSeqs, victimSeqs.size(), "victim");
        LogFile.assertRange(seqs.get("survivor"), 30_000, "survivor");
    }

    @Test
    void shouldDropOnlyTheRecordInFlightWhenAWriterIsKilledInsideIt() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        Process victim = children.start("victim", WriterMain.class,
                List.of("-Dprogress=true", "-DholdAfter=499"), queue.toString(), "victim", "1000");
        Process survivor = children.start("survivor", WriterMain.class, List.of(),
                queue.toString(), "survivor", "20000", "1000", "50");
        children.awaitWriters(queue, 2);
        Process drainer = children.drainer("drainer", queue, logfile, "--timeout-sec", "2");
        Children.await(30, () -> "the victim did not begin record 500 within 30 s",
                () -> children.stdout("victim").contains("holding"));
        assertTrue(victim.isAlive(), "the victim holds inside record 500");
        assertEquals(500, children.stdout("victim").size(), "the victim returned from 499 calls, then held");
        Children.signal(victim, "KILL");
        assertEquals(137, children.exit(victim, "victim", 10));
        assertEquals(0, children.exit(survivor, "survivor", 60), children.stderr("survivor"));
        assertEquals(0, children.exit(drainer, "drainer", 30), children.stderr("drainer"));
        Map<String, List<Integer>> seqs = LogFile.read(logfile).sequences();
        LogFile.assertRange(seqs.get("victim"), 499, "victim");
        LogFile.assertRange(seqs.get("survivor"), 20_000, "survivor");
    }

    @Test
    void shouldWriteEachRecordExactlyOnceWhenTheDrainerIsKilledAndRestarted() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        Process writer = children.start("w", WriterMain.class, List.of(),
                queue.toString(), "writer", "60000", "2000", "40");
        int[] killAfterMillis = {300, 450, 600, 250};
        for (int round = 0; round < killAfterMillis.length; round++) {
            Process drainer = children.drainer("drainer" + round, queue, logfile, "--timeout-sec", "0");
            Thread.sleep(killAfterMillis[round] + 600);
            Children.signal(drainer, "KILL");
            assertEquals(137, children.exit(drainer, "drainer" + round, 10));
        }
        assertEquals(0, children.exit(writer, "w", 60), children.stderr("w"));
        Process last = children.drainer("drainer-last", queue, logfile, "--timeout-sec", "1");
        assertEquals(0, children.exit(last, "drainer-last", 30), children.stderr("drainer-last"));
        LogFile log = LogFile.read(logfile);
        LogFile.assertRange(log.sequences().get("writer"), 60_000, "writer");
        assertEquals(60_000, log.lines.size());
    }

    @Test
    void shouldRefuseASecondDrainerWithinOneSecondNamingTheHolder() throws Exception {
        Path queue = tmp.resolve("q");
        Process first = children.drainer("first", queue, tmp.resolve("a.log"), "--timeout-sec", "0");
        Path lock = queue.resolve("drainer.lock");
        Children.await(30, () -> "no pid in " + lock, () -> Files.exists(lock) && Files.size(lock) > 0);
        long start = System.nanoTime();
        Process second = children.drainer("second", queue, tmp.resolve("b.log"), "--timeout-sec", "0");
        int refused = children.exit(second, "second", 10);
        long jvmMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, refused);
        assertEquals("applog drain: queue dir " + queue + " is already being drained by pid " + first.pid() + "\n",
                children.stderr("second"));
        assertTrue(jvmMillis < 3_000, "refusal took " + jvmMillis + " ms including JVM start");
        Children.signal(first, "KILL");
        assertEquals(137, children.exit(first, "first", 10));
        Process successor = children.drainer("successor", queue, tmp.resolve("a.log"), "--timeout-sec", "1");
        assertEquals(0, children.exit(successor, "successor", 30), children.stderr("successor"));
    }

    @Test
    void shouldNotExitWhileAStoppedWriterIsAlive() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        Process writer = children.start("w", WriterMain.class, List.of("-Dprogress=true"),
                queue.toString(), "writer", "2000", "100", "100");
        Process drainer = children.drainer("drainer", queue, logfile, "--timeout-sec", "1");
        children.awaitLines("w", 38, 30); // about 100 bytes: it is writing
        Children.signal(writer, "STOP");
        Thread.sleep(3_000);
        assertTrue(drainer.isAlive(), "drainer exited while the stopped writer lived; stderr: " + children.stderr("drainer"));
        Children.signal(writer, "CONT");
        assertEquals(0, children.exit(writer, "w", 60), children.stderr("w"));
        assertEquals(0, children.exit(drainer, "drainer", 10), children.stderr("drainer"));
        LogFile.assertRange(LogFile.read(logfile).sequences().get("writer"), 2000, "writer");
    }

    @Test
    void shouldCreatePrivateFilesUnderUmaskZero() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        Process w = children.command("w", umaskZero(Jvm.command(WriterMain.class, List.of(),
                queue.toString(), "writer", "10")));
        assertEquals(0, children.exit(w, "w", 30), children.stderr("w"));
        Path writerDir;
        try (var dirs = Files.list(queue)) {
            writerDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertEquals("rwx------", perms(queue));
        assertEquals("rwx------", perms(writerDir));
        List<String> files = list(writerDir);
        assertTrue(files.contains("metadata.cq4t") && files.stream().anyMatch(f -> f.endsWith(".cq4")),
                "the writer's queue files: " + files);
        for (String f : files) {
            assertEquals("rw-------", perms(writerDir.resolve(f)), f);
        }
        Process d = children.command("drainer", umaskZero(Jvm.drainer(List.of(), queue, logfile, "--timeout-sec", "1")));
        assertEquals(0, children.exit(d, "drainer", 30), children.stderr("drainer"));
        assertEquals("rw-------", perms(logfile));
        assertEquals("rw-------", perms(queue.resolve("drainer.checkpoint")));
        assertEquals("rw-------", perms(queue.resolve("drainer.lock")));
        assertEquals(10, LogFile.read(logfile).lines.size());
    }

    /** {@code command} run by a shell with umask 000. */
    private static List<String> umaskZero(List<String> command) {
        return concat(List.of("sh", "-c", "umask 000; exec \"$@\"", "sh"), command);
    }

    @Test
    void shouldDeleteDrainedCycleFilesWhileTheWriterRuns() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        Process writer = children.start("w", WriterMain.class, List.of("-Dapplog.rollCycle=TEST_SECONDLY"),
                queue.toString(), "writer", "3000", "50", "100");
        Process drainer = children.drainer("drainer", queue, logfile, "--timeout-sec", "1");
        int maxFiles = 0;
        int samples = 0;
        Children.await(30, () -> "no queue dir " + queue, () -> Files.isDirectory(queue));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        do {
            assertTrue(System.nanoTime() < deadline, "the writer still runs after 60 s");
            try (var dirs = Files.list(queue)) {
                for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                    try (var files = Files.list(d)) {
                        int cq4 = (int) files.filter(f -> f.toString().endsWith(".cq4")).count();
                        maxFiles = Math.max(maxFiles, cq4);
                        samples++;
                    } catch (java.nio.file.NoSuchFileException gone) {
                        // removed between the two listings, after it was drained: nothing to count
                    }
                }
            }
        } while (!writer.waitFor(200, TimeUnit.MILLISECONDS));
        assertEquals(0, writer.exitValue(), children.stderr("w"));
        assertEquals(0, children.exit(drainer, "drainer", 30), children.stderr("drainer"));
        LogFile.assertRange(LogFile.read(logfile).sequences().get("writer"), 3000, "writer");
        assertTrue(samples >= 10, "samples " + samples);
        assertTrue(maxFiles <= 3, "a writer directory held " + maxFiles + " cycle files at once");
    }

    @Test
    void shouldResumeWithoutLossWhenTheLogfileDiskFillsAndFreesUp() throws Exception {
        assumeTrue(Unshare.canMountTmpfs(), Unshare.NO_TMPFS);
        Path queue = tmp.resolve("q");
        Process writer = children.start("w", WriterMain.class, List.of(), queue.toString(), "writer", "20000");
        assertEquals(0, children.exit(writer, "w", 60), children.stderr("w"));
        Path mnt = tmp.resolve("small");
        Files.createDirectory(mnt);
        Path logfile = mnt.resolve("app.log");
        List<String> drain = Jvm.drainer(List.of(), queue, logfile, "--timeout-sec", "1");
        // a 2 MB disk with 1.9 MB taken; the filler goes once the drainer has said that the disk is full
        String script = "mount -t tmpfs -o size=2m tmpfs \"$0\" || exit 9; "
                + "head -c 1900000 /dev/zero > \"$0/filler\" || exit 9; E=\"$1\"; shift; "
                + "(i=0; until grep -q 'No space left on device' \"$E\" || [ $i -ge 600 ]; do sleep 0.1; i=$((i+1)); done; "
                + "rm \"$0/filler\") & "
                + "\"$@\"; rc=$?; wait; cp \"$0/app.log\" \"$0.copy\"; exit $rc";
        Process d = children.command("drainer", concat(List.of("unshare", "-m", "sh", "-c", script, mnt.toString(),
                tmp.resolve("drainer.err").toString()), drain));
        assertEquals(0, children.exit(d, "drainer", 120), children.stderr("drainer"));
        assertTrue(children.stderr("drainer").lines().anyMatch(l -> l.equals("applog: cannot write " + logfile
                + " (java.io.IOException: No space left on device); resuming from the last checkpoint")),
                children.stderr("drainer"));
        LogFile log = LogFile.read(Path.of(mnt + ".copy"));
        LogFile.assertRange(log.sequences().get("writer"), 20_000, "writer");
    }

    @Test
    void shouldCountAndReportRecordsDroppedWhileTheQueueDiskIsNearlyFull() throws Exception {
        assumeTrue(Unshare.canMountTmpfs(), Unshare.NO_TMPFS);
        Path mnt = tmp.resolve("small");
        Files.createDirectory(mnt);
        Path queue = mnt.resolve("q");
        Path logfile = tmp.resolve("app.log");
        List<String> writer = Jvm.command(WriterMain.class, List.of("-Dapplog.minFreeMb=100", "-Dapplog.heartbeatMs=100",
                "-Dapplog.rollCycle=FIVE_MINUTELY", "-Dprogress=true"), queue.toString(), "writer", "400", "1", "10");
        List<String> drain = Jvm.drainer(List.of(), queue, logfile, "--timeout-sec", "1");
        // 80 MB free of 200 (below minFreeMb) from the writer's call 50 to its call 200 (about 1.5 s)
        String script = "mount -t tmpfs -o size=200m tmpfs \"$0\" || exit 9; W=\"$1\"; P=\"$2\"; shift 2; "
                + "upto() { i=0; until [ \"$(wc -l < \"$P\")\" -ge $1 ] || [ $i -ge 600 ]; do sleep 0.05; i=$((i+1)); done; }; "
                + ": > \"$P\"; eval \"$W\" > \"$P\" & upto 50; fallocate -l 120m \"$0/filler\"; upto 200; "
                + "rm \"$0/filler\"; wait; \"$@\"";
        Process p = children.command("ns", concat(List.of("unshare", "-m", "sh", "-c", script, mnt.toString(),
                shellWords(writer), tmp.resolve("writer.progress").toString()), drain));
        assertEquals(0, children.exit(p, "ns", 120), children.stderr("ns"));
        LogFile log = LogFile.read(logfile);
        List<Integer> kept = log.sequences().get("writer");
        int dropped = 400 - kept.size();
        assertTrue(dropped > 0 && kept.size() > 0, "kept " + kept.size());
        List<LogLine> reports = log.lines.stream().map(l -> LogLine.of(l, ""))
                .filter(r -> r.level().equals("WARN") && r.process().equals("writer")).toList();
        assertEquals(1, reports.size(), String.valueOf(reports));
        assertEquals("applog - " + dropped + " records were dropped (disk nearly full, writer closed or a write failed); "
                + dropped + " dropped in total by this process", reports.get(0).logger() + " - " + reports.get(0).message());
        for (int i = 1; i < kept.size(); i++) {
            assertTrue(kept.get(i) > kept.get(i - 1), "seq " + kept.get(i) + " after " + kept.get(i - 1));
        }
    }

    @Test
    void shouldWorkWithoutANetworkAndWriteNothingUnderHome() throws Exception {
        assumeTrue(Unshare.canUnshareNetwork(), Unshare.NO_NETWORK_NAMESPACE);
        Path home = Files.createDirectory(tmp.resolve("home"));
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        List<String> writer = Jvm.command(WriterMain.class, List.of("-Duser.home=" + home), queue.toString(), "offline", "500");
        List<String> drain = Jvm.drainer(List.of("-Duser.home=" + home), queue, logfile, "--timeout-sec", "1");
        String script = "W=\"$0\"; eval \"$W\" || exit 3; \"$@\"";
        ProcessBuilder pb = new ProcessBuilder(concat(List.of("unshare", "-n", "sh", "-c", script, shellWords(writer)), drain));
        pb.environment().put("HOME", home.toString());
        Process p = children.start("offline", pb);
        assertEquals(0, children.exit(p, "offline", 60), children.stderr("offline"));
        assertEquals("", children.stderr("offline"));
        LogFile.assertRange(LogFile.read(logfile).sequences().get("offline"), 500, "offline");
        assertEquals(List.of(), list(home), "nothing written under HOME");
    }

    private static String shellWords(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(" '").append(w.replace("'", "'\\''")).append('\'');
        }
        return sb.toString();
    }

    @Test
    void shouldRefuseALogfileThatIsASymlink() throws Exception {
        Path queue = tmp.resolve("q");
        Path target = tmp.resolve("target.txt");
        Files.writeString(target, "keep\n");
        Path link = Files.createSymbolicLink(tmp.resolve("app.log"), target);
        Process d = children.drainer("drainer", queue, link, "--timeout-sec", "1");
        assertEquals(1, children.exit(d, "drainer", 30));
        assertEquals("applog drain: logfile " + link + " is a symbolic link; refusing to write through it\n",
                children.stderr("drainer"));
        assertEquals("keep\n", Files.readString(target));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String perms(Path p) throws IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    private static List<String> list(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
