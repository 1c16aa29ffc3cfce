package io.applog.it;

import io.applog.cli.Main;
import io.applog.testing.ChildProcessTest;
import io.applog.testing.InProcessCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code applog cat} as a child process over queues written by real writer processes. */
class CatTest extends ChildProcessTest {
    Path queue;
    private int cats;

    @BeforeEach
    void writeTwoWriters() throws Exception {
        queue = tmp.resolve("q");
        children.start("a", WriterMain.class, List.of(), queue.toString(), "alpha", "300");
        children.start("b", WriterMain.class, List.of(), queue.toString(), "beta", "200");
        children.awaitSuccess(30, "a", "b");
    }

    private List<String> cat(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("cat", "--queue", queue.toString()));
        all.addAll(List.of(args));
        String name = "cat-" + ++cats;
        Process p = children.start(name, Main.class, List.of(), all.toArray(new String[0]));
        assertEquals(0, children.exit(p, name, 30), children.stderr(name));
        assertEquals("", children.stderr(name));
        return children.stdout(name);
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
        assertEquals(0, InProcessCli.run(60, "drain", "--queue", queue.toString(), "--logfile", logfile.toString(),
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
        assertTrue(json.get(0).matches("\\{\"time\":\"[^\"]+Z\",\"level\":\"INFO\",\"process\":\"alpha\",\"pid\":"
                + children.process("a").pid() + ",\"thread\":\"main\",\"logger\":\"it.Writer\","
                + "\"message\":\"w=alpha seq=300\"}"), json.get(0));
    }

    @Test
    void shouldRejectBadFilterValuesWithUsageExitCode() throws Exception {
        Process p = children.start("bad", Main.class, List.of(), "cat", "--queue", queue.toString(),
                "--since", "yesterday");
        assertEquals(2, children.exit(p, "bad", 30));
        assertEquals("Invalid value for option '--since': 'yesterday' is not a time (expected e.g. "
                        + "2026-11-25T05:07:12Z, 2026-11-25 05:07:12, 2026-11-25, 30s, 10m, 2h or 1d)",
                children.stderr("bad").lines().findFirst().orElse(""));
    }

    @Test
    void shouldFollowRecordsOfAWriterThatStartsLater() throws Exception {
        Process follower = children.start("follow", Main.class, List.of(), "cat", "--queue", queue.toString(),
                "-f", "--process", "gamma");
        Thread.sleep(1_000);
        Process c = children.start("c", WriterMain.class, List.of(), queue.toString(), "gamma", "5");
        assertEquals(0, children.exit(c, "c", 30), children.stderr("c"));
        children.awaitLines("follow", 5, 10);
        LogFile.assertRange(new LogFile(children.stdout("follow")).sequences().get("gamma"), 5, "gamma");
        assertTrue(follower.isAlive(), "cat -f exited; stderr: " + children.stderr("follow"));
    }
}
