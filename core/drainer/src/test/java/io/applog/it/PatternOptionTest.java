package io.applog.it;

import io.applog.Level;
import io.applog.record.MutableRecord;
import io.applog.cli.Main;
import io.applog.internal.ProcessIdentity;
import io.applog.internal.Queues;
import io.applog.testing.ChildProcessTest;
import io.applog.testing.Children;
import io.applog.writer.QueueWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --pattern} and {@code --format otel} of {@code applog drain} and {@code applog cat}, and
 * {@code applog.pattern} passed to an auto-started drainer.
 */
class PatternOptionTest extends ChildProcessTest {
    private static final String PATTERN = "%-5level %process %thread %logger{0} [%mdc{user}] %kv - %msg%n";


    /** Runs the command line in this JVM; returns the exit code and what it printed on stderr. */
    private static Map.Entry<Integer, String> run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return Map.entry(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    /** A closed writer queue with three records: context, a forged second line, a throwable. */
    private Path queue() throws Exception {
        Path queue = tmp.resolve("q");
        try (QueueWriter w = QueueWriter.open(queue, "svc", Queues.rollCycle("FIVE_MINUTELY"), 0, false)) {
            assertTrue(w.append(new MutableRecord().level(Level.INFO).logger("demo.Worker").template("order {}")
                    .argument(42).mdc(Map.of("user", "alice")).keyValue("amount", 12.5)));
            assertTrue(w.append(new MutableRecord().level(Level.WARN).logger("demo.Worker")
                    .template("ok\n2026-11-25 05:07:12.345678 ERROR x[1] [main] y - forged")));
            assertTrue(w.append(new MutableRecord().level(Level.ERROR).logger("demo.Worker").template("failed")
                    .throwableText("java.lang.IllegalStateException: boom\n\tat demo.Worker.run(Worker.java:10)\n")));
        }
        return queue;
    }

    @Test
    void shouldRefuseABadPatternOrFormatAtStartUpWithUsageExitCode() throws Exception {
        Path queue = queue();
        Path logfile = tmp.resolve("app.log");
        Map.Entry<Integer, String> drain = run("drain", "--queue", queue.toString(), "--logfile", logfile.toString(),
                "--pattern", "%d %-5level %foo");
        assertEquals(2, drain.getKey());
        assertEquals("--pattern: unknown conversion word %foo at position 12", firstLine(drain.getValue()));
        assertFalse(Files.exists(logfile), "nothing drained");

        Map.Entry<Integer, String> cat = run("cat", "--queue", queue.toString(), "--pattern", "%d{HH, Mars/Olympus}");
        assertEquals(2, cat.getKey());
        assertEquals("--pattern: unknown time zone 'Mars/Olympus' of %d at position 0", firstLine(cat.getValue()));

        Map.Entry<Integer, String> json = run("drain", "--queue", queue.toString(), "--logfile", logfile.toString(),
                "--format", "json", "--pattern", "%msg");
        assertEquals(2, json.getKey());
        assertEquals("--pattern: a pattern is for the text format only, not json", firstLine(json.getValue()));

        Map.Entry<Integer, String> xml = run("drain", "--queue", queue.toString(), "--logfile", logfile.toString(),
                "--format", "xml");
        assertEquals(2, xml.getKey());
        assertEquals("Invalid value for option '--format': xml (expected text, json or otel)", firstLine(xml.getValue()));
        assertFalse(Files.exists(logfile));
    }

    @Test
    void shouldDrainWithAPatternAndEveryFurtherLineStartingWithTab() throws Exception {
        Path queue = queue();
        Path logfile = tmp.resolve("app.log");
        Map.Entry<Integer, String> drain = run("drain", "--queue", queue.toString(), "--logfile", logfile.toString(),
                "--timeout-sec", "1", "--pattern", PATTERN);
        assertEquals(0, drain.getKey(), drain.getValue());
        String thread = Thread.currentThread().getName();
        assertEquals("INFO  svc " + thread + " Worker [alice] amount=\"12.5\" - order 42\n"
                + "WARN  svc " + thread + " Worker []  - ok\n"
                + "\t2026-11-25 05:07:12.345678 ERROR x[1] [main] y - forged\n"
                + "ERROR svc " + thread + " Worker []  - failed\n"
                + "\tjava.lang.IllegalStateException: boom\n"
                + "\t\tat demo.Worker.run(Worker.java:10)\n", Files.readString(logfile));
    }

    @Test
    void shouldDrainOtelLines() throws Exception {
        Path queue = queue();
        Path logfile = tmp.resolve("app.json");
        Map.Entry<Integer, String> drain = run("drain", "--queue", queue.toString(), "--logfile", logfile.toString(),
                "--timeout-sec", "1", "--format", "otel");
        assertEquals(0, drain.getKey(), drain.getValue());
        List<String> lines = Files.readAllLines(logfile);
        assertEquals(3, lines.size());
        String resource = "{\"resourceLogs\":[{\"resource\":{\"attributes\":["
                + "{\"key\":\"service.name\",\"value\":{\"stringValue\":\"svc\"}},"
                + "{\"key\":\"host.name\",\"value\":{\"stringValue\":\"" + ProcessIdentity.current().host() + "\"}},"
                + "{\"key\":\"process.pid\",\"value\":{\"intValue\":\"" + ProcessHandle.current().pid() + "\"}}]},"
                + "\"scopeLogs\":[{\"scope\":{\"name\":\"demo.Worker\"},\"logRecords\":[{\"timeUnixNano\":\"";
        for (String line : lines) {
            assertTrue(line.startsWith(resource), line);
        }
        assertTrue(lines.get(0).contains("\"severityNumber\":9,\"severityText\":\"INFO\",\"body\":{\"stringValue\":\"order 42\"}"));
        assertTrue(lines.get(1).contains("\"severityNumber\":13,"), lines.get(1));
        assertTrue(lines.get(2).contains("{\"key\":\"exception.type\",\"value\":{\"stringValue\":\"java.lang.IllegalStateException\"}},"
                + "{\"key\":\"exception.message\",\"value\":{\"stringValue\":\"boom\"}}"), lines.get(2));
    }

    @Test
    void shouldCatWithAPattern() throws Exception {
        Path queue = queue();
        Process p = children.start("cat", Main.class, List.of(), "cat", "--queue", queue.toString(),
                "--color", "never", "--pattern", "%.-1level %msg");
        assertEquals(0, children.exit(p, "cat", 30), children.stderr("cat"));
        assertEquals(List.of("I order 42", "W ok", "\t2026-11-25 05:07:12.345678 ERROR x[1] [main] y - forged",
                        "E failed", "\tjava.lang.IllegalStateException: boom", "\t\tat demo.Worker.run(Worker.java:10)"),
                children.stdout("cat"));
    }

    @Test
    void shouldPassApplogPatternToTheAutoStartedDrainer() throws Exception {
        Path queue = tmp.resolve("auto-q");
        Path logfile = tmp.resolve("auto.log");
        Process writer = children.start("auto", AutoDrainMain.class,
                List.of("-Dapplog.pattern=%-5level %process %logger - %msg%n%ex{short}"),
                queue.toString(), logfile.toString());
        Optional<ProcessHandle> drainer = Optional.empty();
        try {
            assertEquals(0, children.exit(writer, "auto", 30), children.stderr("auto"));
            long pid = Long.parseLong(children.stdoutText("auto").trim());
            assertTrue(pid != -1, "no drainer was started");
            drainer = ProcessHandle.of(pid);
            final Optional<ProcessHandle> started = drainer;
            Children.await(30, () -> "the drainer did not exit after its timeout",
                    () -> !started.map(ProcessHandle::isAlive).orElse(false));
            assertEquals("INFO  auto it.auto.Writer - first 1\n"
                    + "WARN  auto it.auto.Writer - two\n"
                    + "\tlines\n"
                    + "ERROR auto it.auto.Writer - failed\n"
                    + "\tjava.lang.IllegalStateException: boom\n"
                    + "\t\tat io.applog.it.AutoDrainMain.main(AutoDrainMain.java:N)\n",
                    Files.readString(logfile).replaceAll("\\.java:\\d+\\)", ".java:N)"));
        } finally {
            writer.destroyForcibly();
            drainer.ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
