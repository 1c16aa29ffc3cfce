package io.applog.it;

import io.applog.testing.ChildProcessTest;
import io.applog.testing.Children;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drainer rotation with real processes: sizes, retention, gzip, kill -9 in the middle. */
class RotationTest extends ChildProcessTest {
    private Path writeRecords(int count) throws Exception {
        Path queue = tmp.resolve("q");
        Process w = children.start("w", WriterMain.class, List.of(), queue.toString(), "writer", Integer.toString(count));
        assertEquals(0, children.exit(w, "w", 60), children.stderr("w"));
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
        Process d = children.drainer("d", queue, logfile, "--timeout-sec", "1", "--max-size", "100KB", "--keep", "3");
        assertEquals(0, children.exit(d, "d", 60), children.stderr("d"));
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
        Process d = children.drainer("d", queue, logfile, "--timeout-sec", "1", "--max-size", "64KB",
                "--keep", "100", "--gzip");
        assertEquals(0, children.exit(d, "d", 60), children.stderr("d"));
        assertTrue(Files.exists(tmp.resolve("app.log.1.gz")));
        assertFalse(Files.exists(tmp.resolve("app.log.1")));
        LogFile.assertRange(seqs(allLines(logfile, 100)), 5_000, "writer");
    }

    @Test
    void shouldLoseAndRepeatNothingWhenKilledDuringRotations() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        Process w = children.start("w", WriterMain.class, List.of(), queue.toString(), "writer", "40000", "1000", "50");
        int[] killAfter = {700, 900, 800, 1000, 750};
        for (int round = 0; round < killAfter.length; round++) {
            Process d = children.drainer("d" + round, queue, logfile, "--timeout-sec", "0",
                    "--max-size", "16KB", "--keep", "1000");
            Thread.sleep(killAfter[round]);
            Children.signal(d, "KILL");
            assertEquals(137, children.exit(d, "d" + round, 10));
        }
        assertEquals(0, children.exit(w, "w", 60), children.stderr("w"));
        Process last = children.drainer("last", queue, logfile, "--timeout-sec", "1", "--max-size", "16KB", "--keep", "1000");
        assertEquals(0, children.exit(last, "last", 60), children.stderr("last"));
        LogFile.assertRange(seqs(allLines(logfile, 1000)), 40_000, "writer");
    }

    @Test
    void shouldRotateAFileBegunOnAnEarlierDayBeforeWritingToIt() throws Exception {
        Path queue = writeRecords(100);
        Path logfile = tmp.resolve("app.log");
        Files.writeString(logfile, "yesterday's line\n");
        Files.setLastModifiedTime(logfile, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
        Process d = children.drainer("d", queue, logfile, "--timeout-sec", "1", "--rotate", "daily");
        assertEquals(0, children.exit(d, "d", 60), children.stderr("d"));
        assertEquals(List.of("yesterday's line"), Files.readAllLines(tmp.resolve("app.log.1")));
        LogFile.assertRange(seqs(Files.readAllLines(logfile)), 100, "writer");
        assertFalse(Files.exists(tmp.resolve("app.log.2")));
    }

    @Test
    void shouldRejectABadSizeWithUsageExitCode() throws Exception {
        Process d = children.drainer("d", tmp.resolve("q"), tmp.resolve("app.log"), "--max-size", "ten");
        assertEquals(2, children.exit(d, "d", 30));
        assertEquals("Invalid value for option '--max-size': 'ten' is not a size (expected e.g. 10MB, 512KB, 1GB)",
                children.stderr("d").lines().findFirst().orElse(""));
    }
}
