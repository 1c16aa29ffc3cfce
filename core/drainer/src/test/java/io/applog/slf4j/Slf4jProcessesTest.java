package io.applog.slf4j;

import io.applog.testing.Children;
import io.applog.testing.InProcessCli;
import io.applog.testing.LogLine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real child JVMs that log through slf4j-api (and the Log4j2 API and Commons Logging through
 * their bridges) with applog as the SLF4J provider; the drainer merges their queues and the
 * tests assert on the logfile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Slf4jProcessesTest {
    /** The applications that must print nothing on stdout or stderr. */
    private static final List<String> QUIET = List.of("worker-1", "worker-2", "bridges", "context");

    private Path dir;
    private Children children;
    private List<String> text;
    private List<Map<String, Object>> json;

    @BeforeAll
    void runChildrenAndDrain(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tempDir) throws Exception {
        dir = tempDir;
        children = new Children(dir);
        Path q = dir.resolve("q");
        Path qJson = dir.resolve("q-json");
        List<String> verbose = List.of("-Dapplog.level.demo.verbose=DEBUG");
        children.application("worker-1", q, Slf4jApp.class, verbose, "worker", "worker-1");
        children.application("worker-2", q, Slf4jApp.class, verbose, "worker", "worker-2");
        children.application("bridges", q, BridgesApp.class, List.of());
        children.application("context", qJson, Slf4jApp.class, List.of(), "context");
        children.application("internal", q, Slf4jApp.class, List.of(), "internal");
        children.application("tool", dir.resolve("q-tool"), Slf4jApp.class, List.of("-Dapplog.role=tool"), "plain");
        children.application("no-jul", q, Slf4jApp.class, List.of("-Dapplog.jul=false"), "plain");
        children.application("invalid", dir.resolve("q-invalid"), Slf4jApp.class, List.of("-Dapplog.level=LOUD"),
                "plain");
        children.awaitSuccess(60, "worker-1", "worker-2", "bridges", "context", "internal", "tool", "no-jul", "invalid");
        text = InProcessCli.drain(q, dir.resolve("app.log"), "text");
        json = JsonLines.parse(InProcessCli.drain(qJson, dir.resolve("app.jsonl"), "json"));
    }

    @AfterAll
    void killChildren() {
        children.close();
    }

    /** Record lines (level, logger, message) of one process, in file order. */
    private List<String> records(String process) {
        return LogLine.linesOf(text, process).stream().map(line -> LogLine.parse(line).summary()).toList();
    }

    @Test
    void shouldWriteEveryLineAsARecordOrATabContinuation() {
        assertFalse(text.isEmpty());
        for (String line : text) {
            assertTrue(LogLine.parse(line) != null || line.startsWith("\t"), line);
        }
    }

    @Test
    void shouldKeepTheRecordsOfBothWorkerProcessesWithTemplatesFilledByTheDrainer() {
        for (String w : List.of("worker-1", "worker-2")) {
            assertEquals(List.of(
                    "INFO demo.Worker - hello from " + w + " number 42",
                    "INFO demo.Worker - three a 2 3.5 of " + w,
                    "DEBUG demo.verbose.Part - verbose debug of " + w,
                    "ERROR demo.Worker - failed to connect in " + w,
                    "INFO demo.Worker - bad argument [io.applog.slf4j.ThrowingToString.toString() threw"
                            + " java.lang.IllegalStateException: toString boom] of " + w,
                    "INFO demo.Worker - inside toString [io.applog.slf4j.LoggingToString:"
                            + " toString() logs recursively]",
                    "INFO demo.Worker - inside toString rendered",
                    "INFO demo.Worker - recursive rendered of " + w,
                    "INFO demo.Worker - from helper thread",
                    "INFO demo.Worker - cross-thread joined of " + w,
                    "WARN demo.Worker - marked warning of " + w,
                    "INFO demo.Worker - done " + w), records(w));
        }
    }

    @Test
    void shouldCarryProcessNameAndPidOfEachChild() {
        int records = 0;
        for (String line : text) {
            LogLine record = LogLine.parse(line);
            if (record != null && record.process().startsWith("worker-")) {
                assertEquals(record.message().equals("from helper thread") ? "helper" : "main", record.thread(), line);
                assertEquals(children.process(record.process()).pid(), record.pid(), line);
                records++;
            }
        }
        assertEquals(2 * 12, records, "records of worker-1 and worker-2");
    }

    @Test
    void shouldWriteTheExceptionAndItsCauseAsTabContinuationLines() {
        for (String w : List.of("worker-1", "worker-2")) {
            int i = indexOf("- failed to connect in " + w);
            assertEquals("\tjava.lang.IllegalStateException: outer failure", text.get(i + 1));
            List<String> continuation = new ArrayList<>();
            for (int j = i + 1; j < text.size() && text.get(j).startsWith("\t"); j++) {
                continuation.add(text.get(j));
            }
            assertTrue(continuation.contains("\tCaused by: java.io.IOException: inner cause"),
                    String.join("\n", continuation));
            assertTrue(continuation.get(1).startsWith("\t\tat io.applog.slf4j.Slf4jApp.worker("),
                    continuation.get(1));
        }
    }

    @Test
    void shouldKeepLog4jApiAndCommonsLoggingRecordsThroughTheBridges() {
        assertEquals(List.of(
                "INFO demo.Log4j - log4j says 42",
                "INFO demo.Log4j - log4j user=a{} x",
                "WARN demo.Log4j - log4j warning",
                "INFO demo.Jcl - jcl info",
                "ERROR demo.Jcl - jcl error"), records("bridges"));
        assertEquals("\tjava.lang.IllegalStateException: log4j boom",
                text.get(indexOf("- log4j warning") + 1));
        assertEquals("\tjava.lang.IllegalArgumentException: jcl boom",
                text.get(indexOf("- jcl error") + 1));
    }

    @Test
    void shouldPrintNothingOnStdoutOrStderrOfApplications() throws Exception {
        for (String child : QUIET) {
            assertEquals("", children.stdoutText(child), child);
            assertEquals("", children.stderr(child), child);
        }
    }

    @Test
    void shouldSendApplogAndChronicleLoggersToStderrAtWarnOnly() throws Exception {
        assertEquals(List.of("INFO demo.Internal - visible record"), records("internal"));
        assertEquals("", children.stdoutText("internal"));
        assertEquals(List.of(
                "applog: WARN net.openhft.fake.Component - chronicle warns 7",
                "applog: ERROR io.applog.fake - applog error\\u000Asecond line",
                "applog: WARN net.openhft.jul - jul internal warning"),
                children.stderr("internal").lines().collect(Collectors.toList()));
    }

    @Test
    void shouldSendEverythingToStderrInToolRoleAndNeverCreateAQueue() throws Exception {
        List<String> stderr = children.stderr("tool").lines().collect(Collectors.toList());
        assertEquals(4, stderr.size(), children.stderr("tool"));
        assertEquals(List.of(
                "applog: WARN demo.Plain - plain warn 1",
                "applog: ERROR demo.Plain - plain error: java.lang.RuntimeException: plain"),
                stderr.subList(0, 2));
        assertEquals("INFO: plain jul info", stderr.get(3), "JUL is left alone in tool role");
        assertFalse(Files.exists(dir.resolve("q-tool")));
        assertEquals("", children.stdoutText("tool"));
    }

    @Test
    void shouldLeaveJulAloneWhenApplogJulIsFalse() throws Exception {
        assertEquals(List.of(
                "INFO demo.Plain - plain info",
                "WARN demo.Plain - plain warn 1",
                "ERROR demo.Plain - plain error"), records("no-jul"));
        List<String> stderr = children.stderr("no-jul").lines().collect(Collectors.toList());
        assertEquals(2, stderr.size(), children.stderr("no-jul"));
        assertEquals("INFO: plain jul info", stderr.get(1));
    }

    @Test
    void shouldReportInvalidSettingsOnceAndDropRecords() throws Exception {
        assertEquals(List.of("applog: invalid settings, records are dropped: applog.level=LOUD"
                        + " (expected TRACE, DEBUG, INFO, WARN, ERROR or OFF)"),
                children.stderr("invalid").lines().collect(Collectors.toList()));
        assertEquals("", children.stdoutText("invalid"));
        assertFalse(Files.exists(dir.resolve("q-invalid")));
    }

    @Test
    void shouldCaptureMdcPerRecordAndKeyValuesInJson() {
        List<String> summary = new ArrayList<>();
        for (Map<String, Object> r : json) {
            assertEquals("context", r.get("process"));
            assertEquals("demo.Context", r.get("logger"));
            summary.add(r.get("level") + " [" + r.get("thread") + "] " + r.get("message")
                    + " mdc=" + r.get("mdc") + " kv=" + r.get("kv"));
        }
        assertEquals(List.of(
                "INFO [main] order 1234 paid mdc={request=r-17, user=ann}"
                        + " kv={marker=AUDIT, order=1234, status=paid}",
                "INFO [main] second with context mdc={request=r-17, user=bob} kv=null",
                "INFO [other] other thread mdc=null kv=null",
                "INFO [main] no context mdc=null kv=null",
                "INFO [main] marked mdc=null kv={marker=SECURITY}",
                "WARN [main] fluent cause mdc=null kv={k=null}"), summary);
        Map<String, Object> last = json.get(json.size() - 1);
        assertTrue(String.valueOf(last.get("exception"))
                .startsWith("java.lang.IllegalArgumentException: bad k\n\tat "), String.valueOf(last.get("exception")));
        assertFalse(json.get(0).containsKey("exception"));
    }

    private int indexOf(String fragment) {
        for (int i = 0; i < text.size(); i++) {
            if (text.get(i).contains(fragment)) {
                return i;
            }
        }
        throw new AssertionError("no line contains " + fragment + " in\n" + String.join("\n", text));
    }
}
