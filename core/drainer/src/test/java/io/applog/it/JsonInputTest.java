package io.applog.it;

import io.applog.cli.Main;
import io.applog.testing.ChildProcessTest;
import io.applog.testing.InProcessCli;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.applog.it.ArrivalTimes.jsonTimesCut;
import static io.applog.it.ArrivalTimes.textTimesCut;
import static io.applog.it.ArrivalTimes.wallNanos;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code applog log --input json} as a child process reading a file on standard input, drained
 * into a text and a JSON logfile. The times given in the lines are hours old (or, on a machine
 * whose clock is behind, in the future): each record gets the time it arrived at, checked to lie
 * within the child's run and to never go back; the lines are then compared without it.
 */
class JsonInputTest extends ChildProcessTest {
    /** Valid lines: every field, both time forms, every level name, literal and hostile messages. */
    private static final List<String> VALID = List.of(
            "{\"time\":\"2026-12-02T10:00:00.123456Z\",\"level\":\"warning\",\"logger\":\"py.app\",\"thread\":\"T-1\","
                    + "\"message\":\"a {} b \\\\{} %s ${jndi:ldap://x} \\u001b[2J\","
                    + "\"exception\":\"Traceback (most recent call last):\\n  File \\\"x.py\\\", line 1, in <module>\\n"
                    + "ValueError: boom\\n\",\"mdc\":{\"user\":\"ann\",\"req\":\"r-7\"},"
                    + "\"kv\":{\"n\":1,\"f\":1.5,\"ok\":true,\"none\":null,\"s\":\"x y\"}}",
            "{\"time\":\"2026-12-02T11:00:00.5+01:00\",\"level\":\"critical\",\"message\":\"forged?\\n"
                    + "2026-12-02 10:00:00.000000 ERROR x[1] [main] y - forged\"}",
            "{\"time\":1796205600123456789,\"level\":\"FATAL\",\"message\":\"epoch nanoseconds\"}",
            "",
            "   ",
            "{\"level\":\"trace\",\"message\":\"t\"}",
            "{\"level\":\"Debug\",\"message\":\"d\"}",
            "{\"level\":\"info\",\"message\":\"i\"}",
            "{\"level\":\"WARN\",\"message\":\"w\"}",
            "{\"level\":\"error\",\"message\":\"e\"}",
            "{\"message\":\"defaults\"}",
            "{\"level\":null,\"message\":\"nulls and unknown fields\",\"exception\":null,\"mdc\":null,\"pid\":99,"
                    + "\"extra\":{\"a\":[1,{\"b\":null}]}}",
            "{\"thread\":\"th\\u001b\",\"message\":\"ls\\u2028ps cr\\r tab\\t end \\u00e9\"}",
            "{}");

    /** A queue dir, a logfile, and the child that fills the queue: {@code applog log --queue Q args} < lines. */
    private Process log(String name, Path queue, List<String> lines, String... args) throws IOException {
        Path in = Files.writeString(tmp.resolve(name + ".in"), String.join("\n", lines) + "\n");
        List<String> all = new ArrayList<>(List.of("log", "--queue", queue.toString()));
        all.addAll(List.of(args));
        return children.startWithInput(name, in, Main.class, List.of(), all.toArray(new String[0]));
    }

    @Test
    void shouldWriteEveryFieldOfValidLinesAsTextAndJson() throws Exception {
        Path textQueue = tmp.resolve("q-text");
        Path jsonQueue = tmp.resolve("q-json");
        String[] options = {"--input", "json", "--process", "py", "--logger", "py.default", "--level", "DEBUG"};
        long from = wallNanos();
        Process text = log("log-text", textQueue, VALID, options);
        Process json = log("log-json", jsonQueue, VALID, options);
        assertEquals(0, children.exit(text, "log-text", 120));
        assertEquals(0, children.exit(json, "log-json", 120));
        long to = wallNanos();
        assertEquals("", children.stderr("log-text"));
        assertEquals("", children.stderr("log-json"));

        String p = "py[" + text.pid() + "] ";
        assertEquals(List.of(
                "WARN  " + p + "[T-1] py.app - a {} b \\{} %s ${jndi:ldap://x} \\u001B[2J",
                "\tTraceback (most recent call last):",
                "\t  File \"x.py\", line 1, in <module>",
                "\tValueError: boom",
                "ERROR " + p + "[main] py.default - forged?",
                "\t2026-12-02 10:00:00.000000 ERROR x[1] [main] y - forged",
                "ERROR " + p + "[main] py.default - epoch nanoseconds",
                "TRACE " + p + "[main] py.default - t",
                "DEBUG " + p + "[main] py.default - d",
                "INFO  " + p + "[main] py.default - i",
                "WARN  " + p + "[main] py.default - w",
                "ERROR " + p + "[main] py.default - e",
                "DEBUG " + p + "[main] py.default - defaults",
                "DEBUG " + p + "[main] py.default - nulls and unknown fields",
                "DEBUG " + p + "[th\\u001B] py.default - ls\\u2028ps cr\\u000D tab\t end \u00e9",
                "DEBUG " + p + "[main] py.default - "),
                textTimesCut(InProcessCli.drain(textQueue, tmp.resolve("app.log"), "text"), from, to));

        String j = "\"process\":\"py\",\"pid\":" + json.pid() + ",";
        assertEquals(List.of(
                "{\"time\":\"T\",\"level\":\"WARN\"," + j + "\"thread\":\"T-1\",\"logger\":\"py.app\","
                        + "\"message\":\"a {} b \\\\{} %s ${jndi:ldap://x} \\u001B[2J\","
                        + "\"exception\":\"Traceback (most recent call last):\\n  File \\\"x.py\\\", line 1, in <module>\\n"
                        + "ValueError: boom\",\"mdc\":{\"user\":\"ann\",\"req\":\"r-7\"},"
                        + "\"kv\":{\"n\":\"1\",\"f\":\"1.5\",\"ok\":\"true\",\"none\":\"null\",\"s\":\"x y\"}}",
                "{\"time\":\"T\",\"level\":\"ERROR\"," + j + "\"thread\":\"main\",\"logger\":\"py.default\","
                        + "\"message\":\"forged?\\n2026-12-02 10:00:00.000000 ERROR x[1] [main] y - forged\"}",
                "{\"time\":\"T\",\"level\":\"ERROR\"," + j + "\"thread\":\"main\",\"logger\":\"py.default\","
                        + "\"message\":\"epoch nanoseconds\"}",
                jsonLine("TRACE", j, "main", "t"),
                jsonLine("DEBUG", j, "main", "d"),
                jsonLine("INFO", j, "main", "i"),
                jsonLine("WARN", j, "main", "w"),
                jsonLine("ERROR", j, "main", "e"),
                jsonLine("DEBUG", j, "main", "defaults"),
                jsonLine("DEBUG", j, "main", "nulls and unknown fields"),
                jsonLine("DEBUG", j, "th\\u001B", "ls\\u2028ps cr\\r tab\\t end \u00e9"),
                jsonLine("DEBUG", j, "main", "")),
                jsonTimesCut(InProcessCli.drain(jsonQueue, tmp.resolve("app.json"), "json"), from, to));
    }

    private static String jsonLine(String level, String processAndPid, String thread, String message) {
        return "{\"time\":\"T\",\"level\":\"" + level + "\"," + processAndPid + "\"thread\":\"" + thread
                + "\",\"logger\":\"py.default\",\"message\":\"" + message + "\"}";
    }

    @Test
    void shouldMakeEachBadLineOneWarnRecordAndOneStderrLineAndGoOn() throws Exception {
        List<String> input = List.of(
                "{\"message\":\"first\"}",
                "not json {}",
                "[1,2]",
                "{\"message\":\"m\",\"mdc\":3}",
                "{\"message\":1}",
                "{\"level\":\"LOUD\",\"message\":\"x {}\"}",
                "{\"time\":\"yesterday\"}",
                "{\"time\":\"2026-12-02T10:00:00\"}",
                "",
                "{\"kv\":{\"a\":[]}}",
                "bad \u001b[2J\u0000 {} \u2028 end",
                "{\"message\":\"last\"}");
        Path queue = tmp.resolve("q");
        long from = wallNanos();
        Process log = log("log", queue, input, "--input", "json", "--process", "py");
        assertEquals(0, children.exit(log, "log", 120), "bad lines are written too");
        long to = wallNanos();
        String time = "field \"time\" must be an RFC 3339 time such as 2026-12-02T10:00:00.123456Z or an integer"
                + " of epoch nanoseconds, not ";
        assertEquals(List.of(
                "applog log: line 2: not valid JSON: Unrecognized token 'not': was expecting (JSON String, Number"
                        + " (or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or 'false')",
                "applog log: line 3: not a JSON object",
                "applog log: line 4: field \"mdc\" must be an object",
                "applog log: line 5: field \"message\" must be a string",
                "applog log: line 6: field \"level\" must be TRACE, DEBUG, INFO, WARN or ERROR (or WARNING, CRITICAL,"
                        + " FATAL), not \"LOUD\"",
                "applog log: line 7: " + time + "\"yesterday\"",
                "applog log: line 8: " + time + "\"2026-12-02T10:00:00\"",
                "applog log: line 10: field \"kv\" must be an object of strings, numbers, booleans or null: \"a\" is"
                        + " none of them",
                "applog log: line 11: not valid JSON: Unrecognized token 'bad': was expecting (JSON String, Number"
                        + " (or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or 'false')"),
                children.stderr("log").lines().toList());
        String w = "WARN  py[" + log.pid() + "] [main] shell - ";
        assertEquals(List.of(
                "INFO  py[" + log.pid() + "] [main] shell - first",
                w + "not json {}",
                w + "[1,2]",
                w + "{\"message\":\"m\",\"mdc\":3}",
                w + "{\"message\":1}",
                w + "{\"level\":\"LOUD\",\"message\":\"x {}\"}",
                w + "{\"time\":\"yesterday\"}",
                w + "{\"time\":\"2026-12-02T10:00:00\"}",
                w + "{\"kv\":{\"a\":[]}}",
                w + "bad \\u001B[2J\\u0000 {} \\u2028 end",
                "INFO  py[" + log.pid() + "] [main] shell - last"),
                textTimesCut(InProcessCli.drain(queue, tmp.resolve("app.log"), "text"), from, to));
    }

    @Test
    void shouldTakeStandardInputAsTextWithInputText() throws Exception {
        Path queue = tmp.resolve("q");
        long from = wallNanos();
        Process log = log("log", queue, List.of("{\"message\":\"x {}\"}", "plain"), "--input", "TEXT");
        assertEquals(0, children.exit(log, "log", 120));
        long to = wallNanos();
        assertEquals("", children.stderr("log"));
        String p = "INFO  shell[" + log.pid() + "] [main] shell - ";
        assertEquals(List.of(p + "{\"message\":\"x {}\"}", p + "plain"),
                textTimesCut(InProcessCli.drain(queue, tmp.resolve("app.log"), "text"), from, to));
    }

    @Test
    void shouldRefuseAnUnknownInputOrAMessageWithJsonAsUsageErrors() {
        String queue = tmp.resolve("q").toString();
        assertEquals(List.of("2", "Invalid value for option '--input': xml (expected text or json)"),
                run("log", "--queue", queue, "--input", "xml"));
        assertEquals(List.of("2", "--input json reads standard input: no MESSAGE expected"),
                run("log", "--queue", queue, "--input", "json", "hello"));
        assertFalse(Files.exists(tmp.resolve("q")), "no queue made");
    }

    /** Runs the command line in this JVM: its exit code and the first line it printed on stderr. */
    private static List<String> run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return List.of(Integer.toString(code), err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse(""));
        } finally {
            System.setErr(saved);
        }
    }
}
