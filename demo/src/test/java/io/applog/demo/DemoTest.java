package io.applog.demo;

import io.applog.internal.DrainerLockFile;
import io.applog.testing.ChildProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The demo with real processes and real files: a child JVM per run, its workers and drainer. */
class DemoTest extends ChildProcessTest {
    @Test
    void shouldWriteEverySeqOfEveryWorkerOnceInTimestampOrder() throws Exception {
        Path logfile = tmp.resolve("demo.log");
        DemoRunner run = DemoRunner.run(children, "demo", "--workers", "4", "--messages", "3000",
                "--logfile", logfile.toString(), "--timeout-sec", "1");

        assertEquals(0, run.exitCode, run.toString());
        TextLog log = TextLog.read(logfile);
        log.assertTimestampOrder();
        for (int w = 1; w <= 4; w++) {
            assertEquals(TextLog.range(1, 3000), log.seqs("worker-" + w), "seq numbers of worker-" + w);
        }
        Set<String> processes = new TreeSet<>();
        Set<String> workerLevels = new TreeSet<>();
        boolean stackFrame = false;
        boolean cause = false;
        boolean multiLineMessage = false;
        for (TextLog.Entry e : log.entries) {
            processes.add(e.process());
            if (e.process().startsWith("worker-")) {
                workerLevels.add(e.level());
            }
            for (String more : e.more()) {
                stackFrame |= more.matches("\t*at .+\\(.*\\)");
                cause |= more.startsWith("Caused by: java.io.IOException: checksum mismatch");
                multiLineMessage |= more.startsWith("mean ") && e.message().contains("dark frame statistics");
            }
        }
        assertEquals(Set.of("main", "worker-1", "worker-2", "worker-3", "worker-4"), processes);
        assertTrue(workerLevels.containsAll(Set.of("DEBUG", "INFO", "WARN")), "worker levels " + workerLevels);
        assertTrue(stackFrame, "a stack trace with TAB-prefixed 'at ' lines");
        assertTrue(cause, "the caught exception's cause");
        assertTrue(multiLineMessage, "a multi-line message on TAB-prefixed continuation lines");
        assertTrue(log.entries.stream().anyMatch(e -> e.process().equals("main")
                && e.message().equals("goodbye")), "main's last record");
        assertTrue(run.stdout.contains("seq=1..3000 all there, once each, in order"), run.stdout);
        assertEquals(List.of(), DemoRunner.queueDirsLeft(tmp), "the queue dir is removed at the end");
    }

    /**
     * The drainer the demo started (drainer mode auto) killed with kill -9, once or three times
     * while the workers log: the demo's process starts a new one each time (on its heartbeat, or
     * when it closes applog), which resumes from the checkpoint; the logfile ends complete.
     */
    @ParameterizedTest(name = "drainer killed {0} time(s), {1} messages")
    @CsvSource({"1, 3000", "3, 30000"})
    void shouldWriteEverySeqOnceWhenTheDrainerIsKilled(int kills, int messages) throws Exception {
        Path logfile = tmp.resolve("killed.log");
        DemoRunner.Running running = DemoRunner.start(children, "--workers", "2", "--messages", Integer.toString(messages),
                "--logfile", logfile.toString(), "--timeout-sec", "1");
        Path queue = awaitQueueDir(running);
        long holder = 0;
        for (int k = 1; k <= kills; k++) {
            holder = awaitHolder(queue, holder, running);
            final long before = holder;
            assertTrue(running.workersRunning(), "the workers ended before kill " + k + " of " + kills
                    + " (more --messages needed on this machine)");
            ProcessHandle victim = ProcessHandle.of(holder).orElseThrow();
            assertTrue(victim.destroyForcibly(), "kill -9 " + before);
            victim.onExit().get(10, TimeUnit.SECONDS);
        }
        DemoRunner run = running.finish();

        assertEquals(0, run.exitCode, run.toString());
        TextLog log = TextLog.read(logfile);
        log.assertTimestampOrder();
        for (int w = 1; w <= 2; w++) {
            assertEquals(TextLog.range(1, messages), log.seqs("worker-" + w), "seq numbers of worker-" + w);
        }
        assertEquals(2, run.stdout.split("seq=1\\.\\." + messages + " all there, once each, in order", -1).length - 1,
                run.stdout);
        assertTrue(run.stdout.contains("; started " + kills + (kills == 1 ? " time" : " times")
                + " again after the one before died\n"), run.stdout);
        assertEquals(0, run.leftovers, "processes of the run left running");
        assertEquals(List.of(), DemoRunner.queueDirsLeft(tmp), "the queue dir is removed at the end");
    }

    /** The run's queue dir, once its first drainer holds it. */
    private Path awaitQueueDir(DemoRunner.Running running) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && running.process.isAlive()) {
            List<Path> dirs = DemoRunner.queueDirsLeft(tmp);
            if (dirs.size() == 1) {
                return dirs.get(0);
            }
            Thread.sleep(20);
        }
        return fail("no queue dir within 60 s");
    }

    /** Waits until a drainer other than pid {@code not} holds {@code queue}; returns its pid. */
    private static long awaitHolder(Path queue, long not, DemoRunner.Running running) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && running.process.isAlive()) {
            DrainerLockFile.Holder h = DrainerLockFile.holder(queue);
            if (h != null && h.pid() != not && DrainerLockFile.held(queue)) {
                return h.pid();
            }
            Thread.sleep(20);
        }
        return fail("no new drainer (other than pid " + not + ") held " + queue);
    }

    @Test
    void shouldKeepEveryRecordOfACrashedWorkerUpToTheCrash() throws Exception {
        Path logfile = tmp.resolve("crash.log");
        int messages = 2000;
        DemoRunner run = DemoRunner.run(children, "--workers", "3", "--messages", Integer.toString(messages),
                "--crash-worker", "2", "--logfile", logfile.toString(), "--timeout-sec", "1");

        assertEquals(0, run.exitCode, run.toString());
        TextLog log = TextLog.read(logfile);
        log.assertTimestampOrder();
        List<Integer> crashed = log.seqs("worker-2");
        int k = crashed.size();
        assertTrue(k >= 1 && k < messages, "worker-2 logged " + k + " of " + messages + " before the crash");
        assertEquals(TextLog.range(1, k), crashed, "worker-2: a contiguous prefix 1..k");
        assertEquals(TextLog.range(1, messages), log.seqs("worker-1"), "worker-1");
        assertEquals(TextLog.range(1, messages), log.seqs("worker-3"), "worker-3");
        assertTrue(run.stdout.contains("crashed (exit 137) after seq=" + k), run.stdout);
        assertTrue(log.entries.stream().anyMatch(e -> e.process().equals("main")
                && e.message().startsWith("worker-2 died with exit code 137")), "main saw the crash");
    }

    @Test
    void shouldEchoTheLogToStdoutAsItIsWritten() throws Exception {
        Path logfile = tmp.resolve("echo.log");
        DemoRunner run = DemoRunner.run(children, "--workers", "2", "--messages", "60", "--stdout",
                "--logfile", logfile.toString(), "--timeout-sec", "1");

        assertEquals(0, run.exitCode, run.toString());
        List<String> written = Files.readAllLines(logfile);
        List<String> echoed = run.stdout.lines().filter(l -> written.contains(l)).toList();
        assertEquals(written, echoed, "every line of the logfile, in order, on stdout");
        assertEquals(TextLog.range(1, 60), TextLog.read(logfile).seqs("worker-2"));
    }

    @Test
    void shouldAppendToAnExistingLogfileAndCheckOnlyThisRun() throws Exception {
        Path logfile = tmp.resolve("old.log");
        String before = "2000-01-01 00:00:00.000000 INFO  old[1] [main] demo.Worker - seq=7 from an older run\n";
        Files.writeString(logfile, before);
        DemoRunner run = DemoRunner.run(children, "--workers", "1", "--messages", "20", "--log-level", "INFO",
                "--logfile", logfile.toString(), "--timeout-sec", "1");

        assertEquals(0, run.exitCode, run.toString());
        assertTrue(Files.readString(logfile).startsWith(before), "the older content is kept");
        // at INFO only the INFO and WARN messages of the plan are there: every 10th, 25th and 50th
        assertEquals(List.of(10, 20), TextLog.read(logfile).seqs("worker-1"));
        assertTrue(run.stdout.contains("seq=1..20 (2 at INFO or above) all there"), run.stdout);
    }
}
