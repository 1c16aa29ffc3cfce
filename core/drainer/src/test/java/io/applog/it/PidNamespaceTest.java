package io.applog.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A writer in another pid namespace (a container, say): its pid means nothing here, so the
 * drainer judges it by its heartbeat only (its HELLO names its pid namespace).
 */
class PidNamespaceTest extends ChildProcessTest {
    /** Ways to start a command in a new pid namespace, tried in order. */
    private static final List<List<String>> UNSHARE = List.of(
            List.of("unshare", "--pid", "--fork", "--mount-proc"),
            List.of("unshare", "--user", "--map-root-user", "--pid", "--fork", "--mount-proc"));

    @Test
    void shouldKeepDrainingWhileItsHeartbeatGoesOnAndExitOnceItStops() throws Exception {
        List<String> unshare = pidNamespace();
        assumeTrue(unshare != null, "needs unshare --pid --fork --mount-proc (root, or unprivileged user namespaces)");
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        // 150 records, 2 s of heartbeats only, 50 more, "done 200", then heartbeats until killed
        List<String> command = new ArrayList<>(unshare);
        command.addAll(Jvm.command(CheckedWriterMain.class, List.of("-Dapplog.heartbeatMs=100", "-DlingerMillis=600000"),
                queue.toString(), "isolated", "200", "150", "2000"));
        Process isolated = children.command("isolated", command);
        Jvm.awaitWriters(queue, 1);
        Process drainer = children.drainer("drainer", queue, logfile, "--timeout-sec", "1");
        children.awaitLines("isolated", 1, 60);
        assertEquals("done 200", children.lastLine("isolated"));
        Thread.sleep(2_000); // twice the timeout
        assertTrue(drainer.isAlive(), "the drainer exited while the writer was alive and beating; stderr: "
                + children.stderr("drainer"));

        ProcessHandle java = isolated.descendants().filter(p -> p.info().command().orElse("").endsWith("/java"))
                .findFirst().orElseThrow();
        assertTrue(new ProcessBuilder("kill", "-KILL", Long.toString(java.pid())).start().waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, children.exit(drainer, "drainer", 30), children.stderr("drainer"));
        assertEquals("", children.stderr("drainer"));
        CheckedLog log = CheckedLog.read(logfile, CheckedRecords.VARYING, "");
        log.assertExactly("isolated", 200);
        Matcher first = LogFile.LINE.matcher(Files.readAllLines(logfile).get(0));
        assertTrue(first.matches());
        assertNotEquals(Long.toString(java.pid()), first.group(4), "the writer ran in a pid namespace of its own");
    }

    /** The first {@link #UNSHARE} prefix that works here, or null. */
    private static List<String> pidNamespace() throws InterruptedException {
        for (List<String> prefix : UNSHARE) {
            List<String> probe = new ArrayList<>(prefix);
            probe.addAll(List.of("sh", "-c", "test $$ = 1"));
            try {
                Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return prefix;
                }
                p.destroyForcibly();
            } catch (IOException e) {
                // no unshare here
            }
        }
        return null;
    }
}
