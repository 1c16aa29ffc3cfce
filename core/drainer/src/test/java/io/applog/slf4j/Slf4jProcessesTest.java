package io.applog.slf4j;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern LINE = Pattern.compile(
            "(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}) (TRACE|DEBUG|INFO |WARN |ERROR) "
                    + "(\\S+)\\[(\\d+)\\] \\[([^\\]]*)\\] (\\S+) - (.*)");

    private Path dir;

    private final List<ChildJvm> quiet = new ArrayList<>();
    private ChildJvm internal;
    private ChildJvm tool;
    private ChildJvm noJul;
    private ChildJvm invalid;
    private List<String> text;
    private List<Map<String, Object>> json;

    @BeforeAll
    void runChildrenAndDrain(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        Path q = dir.resolve("q");
        Path qJson = dir.resolve("q-json");
        List<String> verbose = List.of("-Dapplog.level.demo.verbose=DEBUG");
        quiet.add(ChildJvm.start(dir, q, "worker-1", Slf4jApp.class, verbose, "worker", "worker-1"));
        quiet.add(ChildJvm.start(dir, q, "worker-2", Slf4jApp.class, verbose, "worker", "worker-2"));
        quiet.add(ChildJvm.start(dir, q, "bridges", BridgesApp.class, List.of()));
        quiet.add(ChildJvm.start(dir, qJson, "context", Slf4jApp.class, List.of(), "context"));
        internal = ChildJvm.start(dir, q, "internal", Slf4jApp.class, List.of(), "internal");
        tool = ChildJvm.start(dir, dir.resolve("q-tool"), "tool", Slf4jApp.class,
                List.of("-Dapplog.role=tool"), "plain");
        noJul = ChildJvm.start(dir, q, "no-jul", Slf4jApp.class, List.of("-Dapplog.jul=false"), "plain");
        invalid = ChildJvm.start(dir, dir.resolve("q-invalid"), "invalid", Slf4jApp.class,
                List.of("-Dapplog.level=LOUD"), "plain");
        List<ChildJvm> all = new ArrayList<>(quiet);
        all.addAll(List.of(internal, noJul, tool, invalid));
        ChildJvm.awaitSuccess(all);
        text = ChildJvm.drain(q, dir.resolve("app.log"), "text");
        json = JsonLines.parse(ChildJvm.drain(qJson, dir.resolve("app.jsonl"), "json"));
    }

    /** Record lines (process, level, logger, message) of one process, in file order. */
    private List<String> records(String process) {
        List<String> out = new ArrayList<>();
        for (String line : text) {
            Matcher m = LINE.matcher(line);
            if (m.matches() && m.group(3).equals(process)) {
                out.add(m.group(2).trim() + " " + m.group(6) + " - " + m.group(7));
            }
        }
        return out;
    }

    @Test
    void shouldWriteEveryLineAsARecordOrATabContinuation() {
        assertFalse(text.isEmpty());
        for (String line : text) {
            assertTrue(LINE.matcher(line).matches() || line.startsWith("\t"), line);
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
        for (String line : text) {
            Matcher m = LINE.matcher(line);
            if (m.matches() && m.group(3).startsWith("worker-")) {
                assertEquals(m.group(7).equals("from helper thread") ? "helper" : "main", m.group(5), line);
                assertTrue(Long.parseLong(m.group(4)) > 0, line);
            }
        }
        long pids = text.stream().map(LINE::matcher).filter(Matcher::matches)
                .filter(m -> m.group(3).startsWith("worker-"))
                .map(m -> m.group(4)).distinct().count();
        assertEquals(2, pids);
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
        for (ChildJvm child : quiet) {
            assertEquals("", child.stdout());
            assertEquals("", child.stderr());
        }
    }

    @Test
    void shouldSendApplogAndChronicleLoggersToStderrAtWarnOnly() throws Exception {
        assertEquals(List.of("INFO demo.Internal - visible record"), records("internal"));
        assertEquals("", internal.stdout());
        assertEquals(List.of(
                "applog: WARN net.openhft.fake.Component - chronicle warns 7",
                "applog: ERROR io.applog.fake - applog error\\u000Asecond line",
                "applog: WARN net.openhft.jul - jul internal warning"),
                internal.stderr().lines().collect(Collectors.toList()));
    }

    @Test
    void shouldSendEverythingToStderrInToolRoleAndNeverCreateAQueue() throws Exception {
        List<String> stderr = tool.stderr().lines().collect(Collectors.toList());
        assertEquals(4, stderr.size(), tool.stderr());
        assertEquals(List.of(
                "applog: WARN demo.Plain - plain warn 1",
                "applog: ERROR demo.Plain - plain error: java.lang.RuntimeException: plain"),
                stderr.subList(0, 2));
        assertEquals("INFO: plain jul info", stderr.get(3), "JUL is left alone in tool role");
        assertFalse(Files.exists(dir.resolve("q-tool")));
        assertEquals("", tool.stdout());
    }

    @Test
    void shouldLeaveJulAloneWhenApplogJulIsFalse() throws Exception {
        assertEquals(List.of(
                "INFO demo.Plain - plain info",
                "WARN demo.Plain - plain warn 1",
                "ERROR demo.Plain - plain error"), records("no-jul"));
        List<String> stderr = noJul.stderr().lines().collect(Collectors.toList());
        assertEquals(2, stderr.size(), noJul.stderr());
        assertEquals("INFO: plain jul info", stderr.get(1));
    }

    @Test
    void shouldReportInvalidSettingsOnceAndDropRecords() throws Exception {
        assertEquals(List.of("applog: invalid settings, records are dropped: applog.level=LOUD"
                        + " (expected TRACE, DEBUG, INFO, WARN, ERROR or OFF)"),
                invalid.stderr().lines().collect(Collectors.toList()));
        assertEquals("", invalid.stdout());
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
