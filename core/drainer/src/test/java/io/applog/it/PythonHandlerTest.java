package io.applog.it;

import io.applog.cli.Main;
import io.applog.testing.ChildProcessTest;
import io.applog.testing.InProcessCli;
import io.applog.testing.Jvm;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static io.applog.it.ArrivalTimes.textTimesCut;
import static io.applog.it.ArrivalTimes.wallNanos;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's Python logging handler ({@value #SNIPPET}, quoted byte for byte in the README's
 * "Structured input from any language"), run by the machine's {@code python3}: a Python program
 * logs through it into {@code applog log --input json}, started as its child with the command
 * in {@code APPLOG_CMD}; the drained logfile holds every record with Python's levels, logger and
 * thread names and the exception block as Python printed it.
 */
class PythonHandlerTest extends ChildProcessTest {
    /** The snippet, a test resource next to this class. */
    static final String SNIPPET = "applog_handler.py";
    /** The README that quotes the snippet. */
    private static final List<String> READMES = List.of("../../README.md");

    /** The program that uses the snippet: prints the child's pid, the traceback it logs, and the child's exit code. */
    private static final String PROGRAM = """

            import sys, threading
            handler = ApplogHandler(sys.argv[1], "py-worker")
            print("pid", handler.child.pid, flush=True)
            log = logging.getLogger("py.app")
            log.setLevel(logging.DEBUG)
            log.addHandler(handler)
            log.info("hello %s", "world")
            log.warning("literal {} and %d", 7)
            log.info("two\\nlines \\u00e9")
            worker = threading.Thread(target=lambda: logging.getLogger("py.app.worker").debug("from a thread"),
                                      name="worker-1")
            worker.start()
            worker.join()
            try:
                {}["missing"]
            except KeyError:
                log.exception("lookup failed")
                print(traceback.format_exc(), end="")
            log.critical("the end")
            handler.close()
            print("exit", handler.child.returncode)
            """;

    private static String snippet() throws IOException {
        try (InputStream in = PythonHandlerTest.class.getResourceAsStream(SNIPPET)) {
            assertNotNull(in, SNIPPET);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code words} as one POSIX shell line, each word single-quoted (what shlex.split reads back). */
    private static String shellWords(List<String> words) {
        return words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }

    private boolean hasPython() throws IOException, InterruptedException {
        try {
            return children.exit(children.command("python3-version", List.of("python3", "--version")),
                    "python3-version", 30) == 0;
        } catch (IOException e) {
            return false; // no python3 on PATH
        }
    }

    @Test
    void shouldBeQuotedByteForByteInTheReadme() throws IOException {
        String snippet = snippet();
        Path module = Path.of(System.getProperty("basedir", "."));
        List<String> quoting = new ArrayList<>();
        for (String readme : READMES) {
            Path file = module.resolve(readme);
            if (Files.exists(file) && Files.readString(file).contains("```python\n" + snippet + "```\n")) {
                quoting.add(readme);
            }
        }
        assertFalse(quoting.isEmpty(), "no README of " + READMES + " quotes " + SNIPPET + " in a python block");
    }

    @Test
    void shouldLogFromPythonThroughTheReadmeHandler() throws Exception {
        assumeTrue(hasPython(), "python3 not found on PATH: the README's Python handler was not run");
        Path app = Files.writeString(tmp.resolve("app.py"), snippet() + PROGRAM);
        Path queue = tmp.resolve("q");
        ProcessBuilder python = new ProcessBuilder("python3", app.toString(), queue.toString()).directory(tmp.toFile());
        python.environment().put("APPLOG_CMD", shellWords(Jvm.command(Main.class, List.of())));
        long from = wallNanos();
        Process p = children.start("python", python);
        assertEquals(0, children.exit(p, "python", 120), "python exit code");
        long to = wallNanos();
        assertEquals("", children.stderr("python"), "nothing on stderr: no line was refused");
        List<String> out = children.stdout("python");
        assertTrue(out.size() > 3 && out.get(0).startsWith("pid ") && out.get(out.size() - 1).equals("exit 0"),
                "python printed: " + out);
        long pid = Long.parseLong(out.get(0).substring(4));
        List<String> traceback = out.subList(1, out.size() - 1);
        assertEquals("Traceback (most recent call last):", traceback.get(0));
        assertEquals("KeyError: 'missing'", traceback.get(traceback.size() - 1));

        String main = "py-worker[" + pid + "] [MainThread] py.app - ";
        List<String> expected = new ArrayList<>(List.of(
                "INFO  " + main + "hello world",
                "WARN  " + main + "literal {} and 7",
                "INFO  " + main + "two",
                "\tlines \u00e9",
                "DEBUG py-worker[" + pid + "] [worker-1] py.app.worker - from a thread",
                "ERROR " + main + "lookup failed"));
        traceback.forEach(line -> expected.add("\t" + line));
        expected.add("ERROR " + main + "the end");
        assertEquals(expected, textTimesCut(InProcessCli.drain(queue, tmp.resolve("app.log"), "text"), from, to));
    }
}
