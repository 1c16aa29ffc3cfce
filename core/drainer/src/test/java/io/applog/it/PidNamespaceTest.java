package io.applog.it;

import io.applog.testing.ChildProcessTest;
import io.applog.testing.Children;
import io.applog.testing.Jvm;
import io.applog.testing.LogLine;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A writer in another pid namespace (a container, say): its pid means nothing here, so the
 * drainer judges it by its heartbeat only (its HELLO names its pid namespace).
 */
class PidNamespaceTest extends ChildProcessTest {
    @Test
    void shouldKeepDrainingWhileItsHeartbeatGoesOnAndExitOnceItStops() throws Exception {
        List<String> unshare = Unshare.pidNamespace();
        assumeTrue(unshare != null, Unshare.NO_PID_NAMESPACE);
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        // 150 records, 2 s of heartbeats only, 50 more, "done 200", then heartbeats until killed
        List<String> command = new ArrayList<>(unshare);
        command.addAll(Jvm.command(CheckedWriterMain.class, List.of("-Dapplog.heartbeatMs=100", "-DlingerMillis=600000"),
                queue.toString(), "isolated", "200", "150", "2000"));
        Process isolated = children.command("isolated", command);
        children.awaitWriters(queue, 1);
        Process drainer = children.drainer("drainer", queue, logfile, "--timeout-sec", "1");
        children.awaitLines("isolated", 1, 60);
        assertEquals("done 200", children.lastLine("isolated"));
        Thread.sleep(2_000); // twice the timeout
        assertTrue(drainer.isAlive(), "the drainer exited while the writer was alive and beating; stderr: "
                + children.stderr("drainer"));

        ProcessHandle java = isolated.descendants().filter(p -> p.info().command().orElse("").endsWith("/java"))
                .findFirst().orElseThrow();
        Children.signal(java.pid(), "KILL");
        assertEquals(0, children.exit(drainer, "drainer", 30), children.stderr("drainer"));
        assertEquals("", children.stderr("drainer"));
        CheckedLog log = CheckedLog.read(logfile, CheckedRecords.VARYING, "");
        log.assertExactly("isolated", 200);
        LogLine first = LogLine.of(Files.readAllLines(logfile).get(0), "");
        assertEquals(1, first.pid(), "the writer ran as pid 1 of a pid namespace of its own (pid " + java.pid() + " here)");
    }
}
