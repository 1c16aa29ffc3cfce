package io.applog.it;

import io.applog.cli.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code applog cat} as a child process over queues written by real writer processes. */
class CatTest {
    @TempDir
    Path tmp;
    Path queue;

    @BeforeEach
    void writeTwoWriters() throws Exception {
        queue = tmp.resolve("q");
        Process a = Jvm.start(tmp, "a", WriterMain.class, List.of(), queue.toString(), "alpha", "300");
        Process b = Jvm.start(tmp, "b", WriterMain.class, List.of(), queue.toString(), "beta", "200");
        assertTrue(a.waitFor(30, TimeUnit.SECONDS));
        assertTrue(b.waitFor(30, TimeUnit.SECONDS));
    }

    private List<String> cat(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("cat", "--queue", queue.toString()));
        all.addAll(List.of(args));
        Process p = Jvm.start(tmp, "cat", Main.class, List.of(), all.toArray(new String[0]));
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("cat.err")));
        assertEquals("", Files.readString(tmp.resolve("cat.err")));
        return Files.readAllLines(tmp.resolve("cat.out"));
    }

    @Test
    void shouldPrintEverythingMergedWithoutConsumingIt() throws Exception {
        LogFile first = new LogFile(cat());
        assertEquals(500, first.lines.size());
        first.assertTimestampOrder();
        LogFile.assertRange(first.sequences().get("alpha"), 300, "alpha");
        LogFile.assertRange(first.sequences().get("beta"), 200, "beta");
        assertEquals(first.lines, cat(), "a second cat sees the same");

        Path logfile = tmp.resolve("app.log");
        assertEquals(0, Main.run("drain", "--queue", queue.toString(), "--logfile", logfile.toString(),
                "--timeout-sec", "1"));
        assertEquals(first.lines, Files.readAllLines(logfile), "the drainer still gets everything");
    }

    @Test
    void shouldApplyFiltersExactly() throws Exception {
        assertEquals(200, cat("--process", "beta").size());
        assertEquals(500, cat("--logger", "it").size());
        assertEquals(0, cat("--logger", "i").size());
        assertEquals(0, cat("--level", "WARN").size());
        assertEquals(500, cat("--level", "info").size());
        assertEquals(List.of("alpha 7", "beta 7"), cat("--grep", "seq=7$").stream()
                .map(l -> l.replaceAll(".* w=(\\w+) seq=(\\d+)$", "$1 $2")).sorted().toList());
        assertEquals(0, cat("--since", "2099-01-01").size());
        assertEquals(500, cat("--since", "1h", "--until", "2099-01-01T00:00:00Z").size());
        List<String> json = cat("--format", "json", "--process", "alpha", "--grep", "seq=300\"");
        assertEquals(1, json.size());
        assertTrue(json.get(0).matches("\\{\"time\":\"[^\"]+Z\",\"level\":\"INFO\",\"process\":\"alpha\",\"pid\":\\d+,"
                + "\"thread\":\"main\",\"logger\":\"it.Writer\",\"message\":\"w=alpha seq=300\"}"), json.get(0));
    }

    @Test
    void shouldRejectBadFilterValuesWithUsageExitCode() throws Exception {
        Process p = Jvm.start(tmp, "bad", Main.class, List.of(), "cat", "--queue", queue.toString(),
                "--since", "yesterday");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertEquals("Invalid value for option '--since': 'yesterday' is not a time (expected e.g. "
                        + "2026-11-25T05:07:12Z, 2026-11-25 05:07:12, 2026-11-25, 30s, 10m, 2h or 1d)",
                Files.readAllLines(tmp.resolve("bad.err")).get(0));
    }

    @Test
    void shouldFollowRecordsOfAWriterThatStartsLater() throws Exception {
        Process follower = Jvm.start(tmp, "follow", Main.class, List.of(), "cat", "--queue", queue.toString(),
                "-f", "--process", "gamma");
        try {
            Thread.sleep(1_000);
            Process c = Jvm.start(tmp, "c", WriterMain.class, List.of(), queue.toString(), "gamma", "5");
            assertTrue(c.waitFor(30, TimeUnit.SECONDS));
            Path out = tmp.resolve("follow.out");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Files.readAllLines(out).size() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            LogFile.assertRange(new LogFile(Files.readAllLines(out)).sequences().get("gamma"), 5, "gamma");
            assertTrue(follower.isAlive());
        } finally {
            follower.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
