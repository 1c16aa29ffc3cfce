package io.applog.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writers and drainers as real JVM processes on real files. */
class MultiProcessTest {
    @TempDir
    Path tmp;

    @Test
    void shouldMergeThreeWritersCompletelyInOrderAndExitAfterTheHeartbeatStops() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        List<Process> writers = new ArrayList<>();
        for (int w = 1; w <= 3; w++) {
            writers.add(Jvm.start(tmp, "w" + w, WriterMain.class, List.of(),
                    queue.toString(), "writer-" + w, "20000", "5000", "100"));
        }
        Jvm.awaitWriters(queue, 3);
        Process drainer = Jvm.drainer(tmp, "drainer", queue, logfile, "--timeout-sec", "2");
        for (Process w : writers) {
            assertTrue(w.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, w.exitValue());
        }
        long lastWriterExit = System.nanoTime();
        assertTrue(drainer.waitFor(30, TimeUnit.SECONDS), "drainer did not exit");
        long exitMillis = (System.nanoTime() - lastWriterExit) / 1_000_000;
        java.time.Instant exited = java.time.Instant.now();
        assertEquals(0, drainer.exitValue(), stderr("drainer"));
        assertTrue(exitMillis <= 3_000 + 500, "drainer exit " + exitMillis + " ms after the last writer; timeout 2 s");

        LogFile log = LogFile.read(logfile);
        String last = log.lines.get(log.lines.size() - 1).substring(0, 26);
        java.time.Instant lastRecord = java.time.LocalDateTime.parse(last.replace(' ', 'T'))
                .atZone(java.time.ZoneId.systemDefault()).toInstant();
        long quietMillis = java.time.Duration.between(lastRecord, exited).toMillis();
        assertTrue(quietMillis >= 2_000, "drainer exit " + quietMillis + " ms after the last record; timeout 2 s");
        assertEquals(60_000, log.lines.size());
        Map<String, List<Integer>> seqs = log.sequences();
        for (int w = 1; w <= 3; w++) {
            LogFile.assertRange(seqs.get("writer-" + w), 20_000, "writer-" + w);
        }
        log.assertTimestampOrder();
        assertEquals("", stderr("drainer"));
        assertEquals(List.of("drainer.checkpoint", "drainer.lock"), list(queue),
                "drained writer directories are removed");
    }

    @Test
    void shouldKeepEveryReturnedRecordOfAWriterKilledMidStream() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        Process victim = Jvm.start(tmp, "victim", WriterMain.class, List.of("-Dprogress=true"),
                queue.toString(), "victim", "10000000");
        Process survivor = Jvm.start(tmp, "survivor", WriterMain.class, List.of(),
                queue.toString(), "survivor", "30000", "1000", "10");
        Path out = tmp.resolve("victim.out");
        while (Files.size(out) < 200_000) {
            Thread.sleep(20);
        }
        Jvm.signal(victim, "KILL");
        assertTrue(victim.waitFor(10, TimeUnit.SECONDS));
        assertTrue(survivor.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, survivor.exitValue());

        Process drainer = Jvm.drainer(tmp, "drainer", queue, logfile, "--timeout-sec", "1");
        assertTrue(drainer.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, drainer.exitValue(), stderr("drainer"));

        List<String> printed = Files.readAllLines(out, StandardCharsets.UTF_8);
        int returned = Integer.parseInt(printed.get(printed.size() - 2));
        Map<String, List<Integer>> seqs = LogFile.read(logfile).sequences();
        List<Integer> victimSeqs = seqs.get("victim");
        assertTrue(victimSeqs.size() >= returned, victimSeqs.size() + " < " + returned);
        LogFile.assertRange(victimSeqs, victimSeqs.size(), "victim");
        LogFile.assertRange(seqs.get("survivor"), 30_000, "survivor");
    }

    @Test
    void shouldDropOnlyTheRecordInFlightWhenAWriterIsKilledInsideIt() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        Process victim = Jvm.start(tmp, "victim", WriterMain.class,
                List.of("-Dprogress=true", "-DholdAfter=499"), queue.toString(), "victim", "1000");
        Process survivor = Jvm.start(tmp, "survivor", WriterMain.class, List.of(),
                queue.toString(), "survivor", "20000", "1000", "50");
        Jvm.awaitWriters(queue, 2);
        Process drainer = Jvm.drainer(tmp, "drainer", queue, logfile, "--timeout-sec", "2");
        Path out = tmp.resolve("victim.out");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Files.readAllLines(out).contains("holding")) {
            assertTrue(System.nanoTime() < deadline, "the victim did not begin record 500 within 30 s");
            Thread.sleep(20);
        }
        assertTrue(victim.isAlive(), "the victim holds inside record 500");
        Jvm.signal(victim, "KILL");
        assertTrue(victim.waitFor(10, TimeUnit.SECONDS));
        assertTrue(survivor.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, survivor.exitValue());
        assertTrue(drainer.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, drainer.exitValue(), stderr("drainer"));
        Map<String, List<Integer>> seqs = LogFile.read(logfile).sequences();
        LogFile.assertRange(seqs.get("victim"), 499, "victim");
        LogFile.assertRange(seqs.get("survivor"), 20_000, "survivor");
    }

    @Test
    void shouldWriteEachRecordExactlyOnceWhenTheDrainerIsKilledAndRestarted() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        Process writer = Jvm.start(tmp, "w", WriterMain.class, List.of(),
                queue.toString(), "writer", "60000", "2000", "40");
        int[] killAfterMillis = {300, 450, 600, 250};
        for (int round = 0; round < killAfterMillis.length; round++) {
            Process drainer = Jvm.drainer(tmp, "drainer" + round, queue, logfile, "--timeout-sec", "0");
            Thread.sleep(killAfterMillis[round] + 600);
            Jvm.signal(drainer, "KILL");
            assertTrue(drainer.waitFor(10, TimeUnit.SECONDS));
        }
        assertTrue(writer.waitFor(60, TimeUnit.SECONDS));
        Process last = Jvm.drainer(tmp, "drainer-last", queue, logfile, "--timeout-sec", "1");
        assertTrue(last.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, last.exitValue(), stderr("drainer-last"));
        LogFile log = LogFile.read(logfile);
        LogFile.assertRange(log.sequences().get("writer"), 60_000, "writer");
        assertEquals(60_000, log.lines.size());
    }

    @Test
    void shouldRefuseASecondDrainerWithinOneSecondNamingTheHolder() throws Exception {
        Path queue = tmp.resolve("q");
        Process first = Jvm.drainer(tmp, "first", queue, tmp.resolve("a.log"), "--timeout-sec", "0");
        Path lock = queue.resolve("drainer.lock");
        while (!Files.exists(lock) || Files.size(lock) == 0) {
            Thread.sleep(20);
        }
        long start = System.nanoTime();
        Process second = Jvm.drainer(tmp, "second", queue, tmp.resolve("b.log"), "--timeout-sec", "0");
        assertTrue(second.waitFor(10, TimeUnit.SECONDS));
        long jvmMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, second.exitValue());
        assertEquals("applog drain: queue dir " + queue + " is already being drained by pid " + first.pid() + "\n",
                stderr("second"));
        assertTrue(jvmMillis < 3_000, "refusal took " + jvmMillis + " ms including JVM start");
        Jvm.signal(first, "KILL");
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        Process successor = Jvm.drainer(tmp, "successor", queue, tmp.resolve("a.log"), "--timeout-sec", "1");
        assertTrue(successor.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, successor.exitValue(), stderr("successor"));
    }

    @Test
    void shouldNotExitWhileAStoppedWriterIsAlive() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        Process writer = Jvm.start(tmp, "w", WriterMain.class, List.of("-Dprogress=true"),
                queue.toString(), "writer", "2000", "100", "100");
        Process drainer = Jvm.drainer(tmp, "drainer", queue, logfile, "--timeout-sec", "1");
        while (Files.size(tmp.resolve("w.out")) < 100) {
            Thread.sleep(20);
        }
        Jvm.signal(writer, "STOP");
        Thread.sleep(3_000);
        assertTrue(drainer.isAlive(), "drainer exited while the stopped writer lived");
        Jvm.signal(writer, "CONT");
        assertTrue(writer.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, writer.exitValue());
        assertTrue(drainer.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, drainer.exitValue(), stderr("drainer"));
        LogFile.assertRange(LogFile.read(logfile).sequences().get("writer"), 2000, "writer");
    }

    @Test
    void shouldCreatePrivateFilesUnderUmaskZero() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        List<String> writer = Jvm.command(WriterMain.class, List.of("-Dapplog.drainer=none"),
                queue.toString(), "writer", "10");
        Process w = new ProcessBuilder("sh", "-c", "umask 000; exec \"$@\"", "sh")
                .command(concat(List.of("sh", "-c", "umask 000; exec \"$@\"", "sh"), writer))
                .redirectErrorStream(true).start();
        assertTrue(w.waitFor(30, TimeUnit.SECONDS));
        Path writerDir;
        try (var dirs = Files.list(queue)) {
            writerDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertEquals("rwx------", perms(queue));
        assertEquals("rwx------", perms(writerDir));
        try (var files = Files.list(writerDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                assertEquals("rw-------", perms(f), f.toString());
            }
        }
        List<String> drain = Jvm.command(io.applog.cli.Main.class, List.of(), "drain", "--queue",
                queue.toString(), "--logfile", logfile.toString(), "--timeout-sec", "1");
        Process d = new ProcessBuilder(concat(List.of("sh", "-c", "umask 000; exec \"$@\"", "sh"), drain))
                .redirectErrorStream(true).start();
        assertTrue(d.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, d.exitValue());
        assertEquals("rw-------", perms(logfile));
        assertEquals("rw-------", perms(queue.resolve("drainer.checkpoint")));
        assertEquals("rw-------", perms(queue.resolve("drainer.lock")));
        assertEquals(10, LogFile.read(logfile).lines.size());
    }

    @Test
    void shouldDeleteDrainedCycleFilesWhileTheWriterRuns() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        Process writer = Jvm.start(tmp, "w", WriterMain.class, List.of("-Dapplog.rollCycle=TEST_SECONDLY"),
                queue.toString(), "writer", "3000", "50", "100");
        Process drainer = Jvm.drainer(tmp, "drainer", queue, logfile, "--timeout-sec", "1");
        int maxFiles = 0;
        int samples = 0;
        while (!Files.isDirectory(queue)) {
            Thread.sleep(20);
        }
        while (writer.isAlive()) {
            try (var dirs = Files.list(queue)) {
                for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                    try (var files = Files.list(d)) {
                        int cq4 = (int) files.filter(f -> f.toString().endsWith(".cq4")).count();
                        maxFiles = Math.max(maxFiles, cq4);
                        samples++;
                    } catch (java.nio.file.NoSuchFileException gone) {
                        // removed after it was drained
                    }
                }
            }
            Thread.sleep(200);
        }
        assertEquals(0, writer.exitValue());
        assertTrue(drainer.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, drainer.exitValue(), stderr("drainer"));
        LogFile.assertRange(LogFile.read(logfile).sequences().get("writer"), 3000, "writer");
        assertTrue(samples >= 10, "samples " + samples);
        assertTrue(maxFiles <= 3, "a writer directory held " + maxFiles + " cycle files at once");
    }

    @Test
    void shouldResumeWithoutLossWhenTheLogfileDiskFillsAndFreesUp() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(canMountTmpfs(), "needs unshare -m and tmpfs (root)");
        Path queue = tmp.resolve("q");
        Process writer = Jvm.start(tmp, "w", WriterMain.class, List.of(), queue.toString(), "writer", "20000");
        assertTrue(writer.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, writer.exitValue());
        Path mnt = tmp.resolve("small");
        Files.createDirectory(mnt);
        Path logfile = mnt.resolve("app.log");
        List<String> drain = Jvm.command(io.applog.cli.Main.class, List.of(), "drain", "--queue",
                queue.toString(), "--logfile", logfile.toString(), "--timeout-sec", "1");
        String script = "mount -t tmpfs -o size=2m tmpfs \"$0\" && head -c 1900000 /dev/zero > \"$0/filler\" "
                + "&& (sleep 3; rm \"$0/filler\") & sleep 0.2; \"$@\"; rc=$?; "
                + "cp \"$0/app.log\" \"$0.copy\"; exit $rc";
        Process d = new ProcessBuilder(concat(List.of("unshare", "-m", "sh", "-c", script, mnt.toString()), drain))
                .redirectError(tmp.resolve("drainer.err").toFile())
                .redirectOutput(tmp.resolve("drainer.out").toFile()).start();
        assertTrue(d.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, d.exitValue(), stderr("drainer"));
        assertTrue(stderr("drainer").lines().anyMatch(l -> l.equals("applog: cannot write " + logfile
                + " (java.io.IOException: No space left on device); resuming from the last checkpoint")),
                stderr("drainer"));
        LogFile log = LogFile.read(Path.of(mnt + ".copy"));
        LogFile.assertRange(log.sequences().get("writer"), 20_000, "writer");
    }

    @Test
    void shouldCountAndReportRecordsDroppedWhileTheQueueDiskIsNearlyFull() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(canMountTmpfs(), "needs unshare -m and tmpfs (root)");
        Path mnt = tmp.resolve("small");
        Files.createDirectory(mnt);
        Path queue = mnt.resolve("q");
        Path logfile = tmp.resolve("app.log");
        List<String> writer = Jvm.command(WriterMain.class, List.of("-Dapplog.minFreeMb=100", "-Dapplog.heartbeatMs=100", "-Dapplog.rollCycle=FIVE_MINUTELY"),
                queue.toString(), "writer", "400", "1", "10");
        List<String> drain = Jvm.command(io.applog.cli.Main.class, List.of(), "drain", "--queue",
                queue.toString(), "--logfile", logfile.toString(), "--timeout-sec", "1");
        String script = "mount -t tmpfs -o size=200m tmpfs \"$0\" || exit 9; "
                + "W=\"$1\"; shift; eval \"$W\" & sleep 1.5; fallocate -l 120m \"$0/filler\"; sleep 1.5; "
                + "rm \"$0/filler\"; wait; \"$@\"";
        Process p = new ProcessBuilder(concat(List.of("unshare", "-m", "sh", "-c", script, mnt.toString(),
                shellWords(writer)), drain))
                .redirectError(tmp.resolve("ns.err").toFile()).redirectOutput(tmp.resolve("ns.out").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), stderr("ns"));
        LogFile log = LogFile.read(logfile);
        List<Integer> kept = log.sequences().get("writer");
        int dropped = 400 - kept.size();
        assertTrue(dropped > 0 && kept.size() > 0, "kept " + kept.size());
        List<String> reports = log.lines.stream().filter(l -> l.contains(" WARN  writer[")).toList();
        assertEquals(1, reports.size(), String.join("\n", reports));
        assertTrue(reports.get(0).endsWith("] applog - " + dropped + " records were dropped (disk nearly full, "
                + "writer closed or a write failed); " + dropped + " dropped in total by this process"), reports.get(0));
        for (int i = 1; i < kept.size(); i++) {
            assertTrue(kept.get(i) > kept.get(i - 1));
        }
    }

    @Test
    void shouldWorkWithoutANetworkAndWriteNothingUnderHome() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(canUnshareNetwork(), "needs unshare -n (root)");
        Path home = Files.createDirectory(tmp.resolve("home"));
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        List<String> writer = Jvm.command(WriterMain.class, List.of("-Duser.home=" + home), queue.toString(), "offline", "500");
        List<String> drain = Jvm.command(io.applog.cli.Main.class, List.of("-Duser.home=" + home), "drain", "--queue",
                queue.toString(), "--logfile", logfile.toString(), "--timeout-sec", "1");
        String script = "W=\"$0\"; eval \"$W\" || exit 3; \"$@\"";
        ProcessBuilder pb = new ProcessBuilder(concat(List.of("unshare", "-n", "sh", "-c", script, shellWords(writer)), drain))
                .redirectError(tmp.resolve("offline.err").toFile()).redirectOutput(tmp.resolve("offline.out").toFile());
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), stderr("offline"));
        assertEquals("", stderr("offline"));
        LogFile.assertRange(LogFile.read(logfile).sequences().get("offline"), 500, "offline");
        assertEquals(List.of(), list(home), "nothing written under HOME");
    }

    private static boolean canUnshareNetwork() {
        try {
            Process p = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String shellWords(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(" '").append(w.replace("'", "'\\''")).append('\'');
        }
        return sb.toString();
    }

    private static boolean canMountTmpfs() {
        try {
            Process p = new ProcessBuilder("unshare", "-m", "sh", "-c",
                    "mount -t tmpfs -o size=1m tmpfs /mnt").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void shouldRefuseALogfileThatIsASymlink() throws Exception {
        Path queue = tmp.resolve("q");
        Path target = tmp.resolve("target.txt");
        Files.writeString(target, "keep\n");
        Path link = Files.createSymbolicLink(tmp.resolve("app.log"), target);
        Process d = Jvm.drainer(tmp, "drainer", queue, link, "--timeout-sec", "1");
        assertTrue(d.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, d.exitValue());
        assertEquals("applog drain: logfile " + link + " is a symbolic link; refusing to write through it\n",
                stderr("drainer"));
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

    private List<String> list(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private String stderr(String name) throws IOException {
        return Files.readString(tmp.resolve(name + ".err"));
    }
}
