package io.applog.it;

import io.applog.testing.ChildProcessTest;
import io.applog.testing.Children;
import io.applog.testing.LogLine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Records an application logs from its own shutdown hooks (through SLF4J) reach the logfile,
 * in order, however the process ends; and the drainer still exits within its timeout (plus a
 * margin for a loaded machine) once the process is gone.
 */
class ShutdownHookTest extends ChildProcessTest {
    private static final int TIMEOUT_SECONDS = 2;
    /**
     * What a loaded 2-core machine may add to the timeout: the drainer's liveness check (every
     * 200 ms), its last batch and JVM exit, at a load of 20 to 30 (4.2 s over was seen there).
     */
    private static final long MARGIN_MILLIS = 8_000;

    @ParameterizedTest(name = "{0}, {1} hook lines {2} ms apart")
    @CsvSource({"exit, 5, 0", "return, 5, 0", "throw, 5, 0", "exit, 20, 100"})
    void shouldWriteEveryLineOfTheShutdownHookInOrder(String ending, int hookLines, long pauseMillis)
            throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        Process app = children.start("app", HookApp.class, List.of("-Dapplog.queue=" + queue,
                        "-Dapplog.process=app", "-Dapplog.drainer=none"),
                queue.toString(), ending, Integer.toString(hookLines), Long.toString(pauseMillis));
        CompletableFuture<Long> appEnded = app.onExit().thenApply(p -> System.nanoTime());
        children.awaitWriters(queue, 1);
        Process drainer = children.drainer("drainer", queue, logfile, "--timeout-sec", Integer.toString(TIMEOUT_SECONDS));
        CompletableFuture<Long> drainerEnded = drainer.onExit().thenApply(p -> System.nanoTime());

        int appExit = children.exit(app, "app", 60);
        assertEquals("throw".equals(ending) ? 1 : 0, appExit, children.stderr("app"));
        assertEquals(0, children.exit(drainer, "drainer", 60), children.stderr("drainer"));

        List<String> expected = new ArrayList<>(List.of("INFO app.Main - main line"));
        for (int i = 1; i <= hookLines; i++) {
            expected.add("INFO app.Hook - hook line " + i + " of " + hookLines);
        }
        assertEquals(expected, messages(logfile, app.pid()));
        assertEquals("", children.stderr("drainer"));
        String appErr = children.stderr("app");
        if ("throw".equals(ending)) {
            assertTrue(appErr.startsWith("Exception in thread \"main\" java.lang.IllegalStateException: uncaught in main\n"
                    + "\tat io.applog.it.HookApp.main("), appErr);
            assertEquals(List.of(), appErr.lines().filter(l -> !l.startsWith("\tat ") && !l.startsWith("Exception in"))
                    .toList(), "nothing but the uncaught exception on stderr");
        } else {
            assertEquals("", appErr);
        }
        long afterApp = TimeUnit.NANOSECONDS.toMillis(drainerEnded.get(10, TimeUnit.SECONDS)
                - appEnded.get(10, TimeUnit.SECONDS));
        System.out.println("ShutdownHookTest " + ending + "/" + hookLines + ": the drainer exited " + afterApp
                + " ms after the application");
        assertTrue(afterApp >= 0, "the drainer exited " + -afterApp + " ms before the application");
        assertTrue(afterApp <= TIMEOUT_SECONDS * 1_000L + MARGIN_MILLIS, "the drainer exited " + afterApp
                + " ms after the application (timeout " + TIMEOUT_SECONDS + " s + " + MARGIN_MILLIS + " ms)");
    }

    /** {@code LEVEL logger - message} of every line, checking each is a record of process app[pid]. */
    private static List<String> messages(Path logfile, long pid) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : LogFile.read(logfile).lines) {
            LogLine r = LogLine.of(line, "");
            assertEquals("app[" + pid + "]", r.process() + "[" + r.pid() + "]", line);
            out.add(r.level().trim() + " " + r.logger() + " - " + r.message());
        }
        return out;
    }
}
