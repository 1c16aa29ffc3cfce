package io.applog.log4j2;

import io.applog.testing.ChildProcessTest;
import io.applog.testing.Children;
import io.applog.testing.InProcessCli;
import io.applog.testing.LogLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real application JVMs that log through the Log4j2 API, each configured only by its own
 * log4j2.xml with an {@code <Applog>} appender, in each of Log4j2's three modes; one logfile,
 * asserted line by line.
 */
class Log4j2ProcessesTest extends ChildProcessTest {
    private static final int RECORDS = 200;
    private static final String[] PROCESSES = {"worker-1", "worker-2", "worker-3"};
    /** The default line with the MDC and the marker after the message. */
    private static final String PATTERN =
            "%d{yyyy-MM-dd HH:mm:ss.SSSSSS} %-5level %process[%pid] [%thread] %logger - %msg |%mdc|%marker%n";

    /** How Log4j2 runs the appender. */
    enum Mode {
        /** Synchronous loggers; the first application starts the drainer ({@code drainer="auto"}). */
        SYNC("logger Logger LoggerConfig", List.of(),
                "<Root level=\"info\"><AppenderRef ref=\"APPLOG\"/></Root>"),
        /** All loggers asynchronous (AsyncLoggerContextSelector, the Disruptor's thread appends). */
        ASYNC_SELECTOR("logger AsyncLogger LoggerConfig",
                List.of("-Dlog4j2.contextSelector=org.apache.logging.log4j.core.async.AsyncLoggerContextSelector"),
                "<Root level=\"info\"><AppenderRef ref=\"APPLOG\"/></Root>"),
        /** {@code <AsyncLogger>} for {@code demo} in a synchronous configuration. */
        ASYNC_LOGGER("logger Logger AsyncLoggerConfig", List.of(),
                "<AsyncLogger name=\"demo\" level=\"info\" additivity=\"false\"><AppenderRef ref=\"APPLOG\"/></AsyncLogger>"
                        + "<Root level=\"warn\"/>");

        final String loggerLine;
        final List<String> jvmArgs;
        final String loggers;

        Mode(String loggerLine, List<String> jvmArgs, String loggers) {
            this.loggerLine = loggerLine;
            this.jvmArgs = jvmArgs;
            this.loggers = loggers;
        }
    }

    /** Writes a log4j2.xml with {@code <Applog name="APPLOG" attributes/>} and {@code loggers}; returns its path. */
    private Path config(String name, String attributes, String loggers) throws IOException {
        Path file = tmp.resolve(name + ".xml");
        Files.writeString(file, "<Configuration>\n  <Appenders>\n    <Applog name=\"APPLOG\" " + attributes
                + "/>\n  </Appenders>\n  <Loggers>" + loggers + "</Loggers>\n</Configuration>\n", StandardCharsets.UTF_8);
        return file;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldWriteEveryRecordOfEveryProcessInOrderWithItsThreadContextAndException(Mode mode) throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        boolean auto = mode == Mode.SYNC;
        for (int p = 0; p < PROCESSES.length; p++) {
            String name = PROCESSES[p];
            // worker-2 takes its process name from a system property (an attribute not given keeps
            // the environment's value); worker-3 runs Log4j2 without thread locals (ParameterizedMessage)
            String attributes = "queue=\"" + queue + "\"" + (p == 1 ? "" : " process=\"" + name + "\"")
                    + (auto ? " drainer=\"auto\" logfile=\"" + logfile + "\" timeoutSec=\"1\" pattern=\"" + PATTERN + "\""
                    : " drainer=\"none\"");
            List<String> jvmArgs = new ArrayList<>(mode.jvmArgs);
            jvmArgs.add("-Dlog4j2.configurationFile=" + config(name, attributes, mode.loggers));
            if (p == 1) {
                jvmArgs.add("-Dapplog.process=" + name);
            }
            if (p == 2) {
                jvmArgs.add("-Dlog4j2.enableThreadlocals=false");
            }
            children.start(name, Log4j2App.class, jvmArgs, name, Integer.toString(RECORDS));
        }
        children.awaitSuccess(120, PROCESSES);
        List<String> lines;
        if (auto) {
            Children.await(60, () -> "the auto-started drainer still runs: " + children.startedIndirectly(),
                    () -> children.startedIndirectly().isEmpty());
            lines = Files.readAllLines(logfile, StandardCharsets.UTF_8);
        } else {
            assertEquals(0, InProcessCli.run(60, "drain", "--queue", queue.toString(), "--logfile", logfile.toString(),
                    "--pattern", PATTERN, "--timeout-sec", "1"), "drain exit code");
            lines = Files.readAllLines(logfile, StandardCharsets.UTF_8);
        }
        for (String name : PROCESSES) {
            assertEquals(List.of(mode.loggerLine, "done " + RECORDS), children.stdout(name), name + " stdout");
            assertEquals("", children.stderr(name), name + " stderr");
            assertEquals(expectedRecords(name), records(lines, name), name + " records");
            assertEquals(expectedException(), exceptionBlock(lines, "- failed to connect in " + name + " ||"),
                    name + " exception");
        }
        assertEquals(PROCESSES.length * (expectedRecords("").size() + expectedException().size()), lines.size(),
                "lines in the logfile: the records and exception blocks of the three processes, nothing else");
    }

    /** What {@link Log4j2App} logs as {@code name}: level, thread, logger, message |mdc|marker. */
    private static List<String> expectedRecords(String name) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            expected.add("INFO [main] demo.Worker - record " + i + " of " + name + " (" + (i % 2 == 0)
                    + ") |request=r-" + i + ", user=ann|");
        }
        expected.add("WARN [main] demo.Worker - marked warning of " + name + " ||AUDIT");
        expected.add("ERROR [main] demo.Worker - failed to connect in " + name + " ||");
        expected.add("INFO [main] demo.Worker - literal {} and \\{} stay as they are ||");
        expected.add("INFO [main] demo.Worker - mutable " + name + " ||");
        expected.add("INFO [main] demo.Worker - argument before at call time ||");
        expected.add("INFO [helper] demo.Worker - from helper of " + name + " ||");
        expected.add("INFO [main] demo.Worker - done " + name + " ||");
        return expected;
    }

    /** The exception with its suppressed and its cause, line numbers as {@code N}. */
    private static List<String> expectedException() {
        return List.of(
                "\tjava.lang.IllegalStateException: outer failure",
                "\t\tat io.applog.log4j2.Log4j2App.main(Log4j2App.java:N)",
                "\t\tSuppressed: java.lang.IllegalArgumentException: suppressed one",
                "\t\t\tat io.applog.log4j2.Log4j2App.main(Log4j2App.java:N)",
                "\tCaused by: java.io.IOException: inner cause",
                "\t\t... 1 more");
    }

    /** The record lines of {@code process}, in file order, as level [thread] logger - message; pids checked. */
    private List<String> records(List<String> lines, String process) {
        List<String> out = new ArrayList<>();
        long pid = children.process(process).pid();
        for (String line : lines) {
            LogLine record = LogLine.parse(line);
            if (record == null) {
                assertTrue(line.startsWith("\t"), "neither a record nor a continuation: " + line);
            } else if (record.process().equals(process)) {
                assertEquals(pid, record.pid(), line);
                out.add(record.level() + " [" + record.thread() + "] " + record.logger() + " - " + record.message());
            }
        }
        return out;
    }

    /** The TAB lines after the one record line that ends with {@code suffix}, line numbers as {@code N}. */
    private static List<String> exceptionBlock(List<String> lines, String suffix) {
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(suffix)) {
                assertEquals(-1, at, "two lines end with " + suffix);
                at = i;
            }
        }
        assertTrue(at >= 0, "no line ends with " + suffix);
        List<String> block = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && lines.get(i).startsWith("\t"); i++) {
            block.add(lines.get(i).replaceAll("\\.java:\\d+\\)", ".java:N)"));
        }
        return block;
    }

    @Test
    void shouldReportInvalidSettingsInOneLineAndRunTheApplicationWithoutTheAppender() throws Exception {
        Path queue = tmp.resolve("q-invalid");
        Path xml = config("invalid", "queue=\"" + queue + "\" process=\"bad\" drainer=\"none\" timeoutSec=\"-1\"",
                Mode.SYNC.loggers);
        children.start("invalid", Log4j2App.class, List.of("-Dlog4j2.configurationFile=" + xml), "bad", "3");
        children.awaitSuccess(60, "invalid");
        assertEquals(List.of(Mode.SYNC.loggerLine, "done 3"), children.stdout("invalid"));
        List<String> errors = new ArrayList<>();
        for (String line : children.stderr("invalid").split("\n")) {
            // Log4j2's status logger starts a line with the time: 2026-12-02T15:23:34.192921076Z main ERROR ...
            errors.add(line.replaceFirst("^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z ", ""));
        }
        assertEquals(List.of(
                "main ERROR Applog appender APPLOG: invalid settings, the appender is not created:"
                        + " applog.timeoutSec=-1 (expected 0..86400)",
                // Log4j2's own consequences of a plugin that is not created
                "main ERROR Null object returned for Applog in Appenders.",
                "main ERROR Unable to locate appender \"APPLOG\" for logger config \"root\""), errors);
        assertFalse(Files.exists(queue), "no queue dir without a valid appender");
    }
}
