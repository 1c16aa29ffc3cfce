package io.applog.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drainer rotation with real processes: sizes, retention, gzip, kill -9 in the middle. */
class RotationTest {
    @TempDir
    Path tmp;

    private Path writeRecords(int count) throws Exception {
        Path queue = tmp.resolve("q");
        Process w = Jvm.start(tmp, "w", WriterMain.class, List.of(), queue.toString(), "writer", Integer.toString(count));
        assertTrue(w.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, w.exitValue(), Files.readString(tmp.resolve("w.err")));
        return queue;
    }

    private static List<String> allLines(Path logfile, int max) throws IOException {
        return LogFile.rotatedLines(logfile, max);
    }

    private static List<Integer> seqs(List<String> lines) {
        return new LogFile(lines).sequences().get("writer");
    }

    @Test
    void shouldKeepAtMostNFilesOfAboutSizeEndingWithTheNewestRecord() throws Exception {
        Path queue = writeRecords(20_000);
        Path logfile = tmp.resolve("app.log");
        Process d = Jvm.drainer(tmp, "d", queue, logfile, "--timeout-sec", "1", "--max-size", "100KB", "--keep", "3");
        assertTrue(d.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, d.exitValue(), Files.readString(tmp.resolve("d.err")));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("app.log", "app.log.1", "app.log.2", "app.log.3"),
                    files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("app.log")).sorted().toList());
        }
        for (int i = 1; i <= 3; i++) {
            long size = Files.size(tmp.resolve("app.log." + i));
            assertTrue(size >= 100 * 1024 && size < 100 * 1024 + 200, "app.log." + i + " has " + size + " bytes");
        }
        List<String> live = Files.readAllLines(logfile);
        assertTrue(live.get(live.size() - 1).endsWith("w=writer seq=20000"), live.get(live.size() - 1));
        List<Integer> kept = seqs(allLines(logfile, 3));
        int first = kept.get(0);
        for (int i = 0; i < kept.size(); i++) {
            assertEquals(first + i, kept.get(i));
        }
        assertEquals(20_000, kept.get(kept.size() - 1));
    }

    @Test
    void shouldGzipRotatedFiles() throws Exception {
        Path queue = writeRecords(5_000);
        Path logfile = tmp.resolve("app.log");
        Process d = Jvm.drainer(tmp, "d", queue, logfile, "--timeout-sec", "1", "--max-size", "64KB",
                "--keep", "100", "--gzip");
        assertTrue(d.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, d.exitValue(), Files.readString(tmp.resolve("d.err")));
        assertTrue(Files.exists(tmp.resolve("app.log.1.gz")));
        assertFalse(Files.exists(tmp.resolve("app.log.1")));
        LogFile.assertRange(seqs(allLines(logfile, 100)), 5_000, "writer");
    }

    @Test
    void shouldLoseAndRepeatNothingWhenKilledDuringRotations() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        Process w = Jvm.start(tmp, "w", WriterMain.class, List.of(), queue.toString(), "writer", "40000", "1000", "50");
        int[] killAfter = {700, 900, 800, 1000, 750};
        for (int round = 0; round < killAfter.length; round++) {
            Process d = Jvm.drainer(tmp, "d" + round, queue, logfile, "--timeout-sec", "0",
                    "--max-size", "16KB", "--keep", "1000");
            Thread.sleep(killAfter[round]);
            Jvm.signal(d, "KILL");
            assertTrue(d.waitFor(10, TimeUnit.SECONDS));
        }
        assertTrue(w.waitFor(60, TimeUnit.SECONDS));
        Process last = Jvm.drainer(tmp, "last", queue, logfile, "--timeout-sec", "1", "--max-size", "16KB", "--keep", "1000");
        assertTrue(last.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, last.exitValue(), Files.readString(tmp.resolve("last.err")));
        LogFile.assertRange(seqs(allLines(logfile, 1000)), 40_000, "writer");
    }

    @Test
    void shouldRotateAFileBegunOnAnEarlierDayBeforeWritingToIt() throws Exception {
        Path queue = writeRecords(100);
        Path logfile = tmp.resolve("app.log");
        Files.writeString(logfile, "yesterday's line\n");
        Files.setLastModifiedTime(logfile, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
        Process d = Jvm.drainer(tmp, "d", queue, logfile, "--timeout-sec", "1", "--rotate", "daily");
        assertTrue(d.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, d.exitValue(), Files.readString(tmp.resolve("d.err")));
        assertEquals(List.of("yesterday's line"), Files.readAllLines(tmp.resolve("app.log.1")));
        LogFile.assertRange(seqs(Files.readAllLines(logfile)), 100, "writer");
        assertFalse(Files.exists(tmp.resolve("app.log.2")));
    }

    @Test
    void shouldRejectABadSizeWithUsageExitCode() throws Exception {
        Process d = Jvm.drainer(tmp, "d", tmp.resolve("q"), tmp.resolve("app.log"), "--max-size", "ten");
        assertTrue(d.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, d.exitValue());
        assertEquals("Invalid value for option '--max-size': 'ten' is not a size (expected e.g. 10MB, 512KB, 1GB)",
                Files.readAllLines(tmp.resolve("d.err")).get(0));
    }
}
