package io.applog.it;

import io.applog.testing.ChildProcessTest;
import io.applog.testing.Children;

import io.applog.internal.DrainerLockFile;
import io.applog.internal.GaveUpFile;
import io.applog.writer.DrainerSupervisor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Drainer mode auto with real processes: writers notice a drainer killed with kill -9 on their
 * heartbeat and start one new drainer between them, which resumes from the checkpoint; a
 * drainer that cannot start is not started again and again.
 */
class SupervisedDrainerTest extends ChildProcessTest {
    private static final int WRITERS = 3;
    private static final long HEARTBEAT_MILLIS = 1_000;
    /**
     * What a loaded 2-core machine may add between noticing the kill and the new process's
     * start time (the heartbeat thread's wake-up and a fork while ten processes run).
     */
    private static final long LAUNCH_SLACK_MILLIS = 3_000;

    @ParameterizedTest(name = "drainer killed {0} time(s)")
    @ValueSource(ints = {1, 3})
    void shouldStartOneNewDrainerAfterEachKillAndWriteEveryRecordOnce(int kills) throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        Path stop = tmp.resolve("stop");
        List<Process> writers = new ArrayList<>();
        Instant beforeStart = Instant.now();
        for (int w = 1; w <= WRITERS; w++) {
            writers.add(children.start("w" + w, CheckedWriterMain.class, List.of("-Dapplog.drainer=auto",
                            "-Dapplog.logfile=" + logfile, "-Dapplog.timeoutSec=1",
                            "-Dapplog.heartbeatMs=" + HEARTBEAT_MILLIS, "-DstopFile=" + stop),
                    queue.toString(), "w" + w, "100000000", "10", "5"));
        }
        // a process's start time is boot time (whole seconds) plus clock ticks: calibrated on w1
        long startBias = Duration.between(beforeStart, writers.get(0).info().startInstant().orElseThrow()).toMillis();
        Set<Long> holders = new LinkedHashSet<>();
        long holder = awaitHolder(queue, 0, 90);
        holders.add(holder);
        List<String> measured = new ArrayList<>();
        for (int k = 1; k <= kills; k++) {
            long before = size(logfile);
            await(() -> size(logfile) > before, 60, "drainer pid " + holder + " writing " + logfile);
            ProcessHandle victim = ProcessHandle.of(holder).orElseThrow();
            Instant killedAt = Instant.now();
            long killedNanos = System.nanoTime();
            long sizeAtKill = size(logfile);
            assertTrue(victim.destroyForcibly(), "kill -9 " + holder);
            victim.onExit().get(10, TimeUnit.SECONDS);

            long killed = holder;
            holder = awaitHolder(queue, killed, 60);
            assertTrue(holders.add(holder), "a new drainer holds the queue dir after kill " + k);
            Instant started = ProcessHandle.of(holder).flatMap(p -> p.info().startInstant()).orElseThrow();
            long launchMillis = Duration.between(killedAt, started).toMillis() - startBias;
            await(() -> size(logfile) > sizeAtKill, 60, "the new drainer writing " + logfile);
            long currentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedNanos);
            measured.add("kill " + k + ": new drainer started " + launchMillis + " ms after, logfile growing again "
                    + currentMillis + " ms after");
            assertTrue(launchMillis <= 2 * HEARTBEAT_MILLIS + LAUNCH_SLACK_MILLIS,
                    "the new drainer started " + launchMillis + " ms after the kill; " + measured);
        }
        System.out.println("SupervisedDrainerTest " + kills + " kill(s): " + measured);

        Files.createFile(stop);
        int[] done = new int[WRITERS];
        for (int w = 1; w <= WRITERS; w++) {
            assertEquals(0, children.exit(writers.get(w - 1), "w" + w, 60), children.stderr("w" + w));
            done[w - 1] = children.done("w" + w);
        }
        ProcessHandle last = ProcessHandle.of(holder).orElse(null);
        if (last != null) {
            last.onExit().get(60, TimeUnit.SECONDS);
        }
        CheckedLog log = CheckedLog.read(logfile, CheckedRecords.VARYING, "");
        for (int w = 1; w <= WRITERS; w++) {
            log.assertExactly("w" + w, done[w - 1]);
            // a started drainer that found the queue dir held exits quietly: nothing on the writer's stderr
            assertEquals("", children.stderr("w" + w), "stderr of w" + w + " (and of the drainers it started)");
        }
        assertEquals(kills + 1, holders.size(), "drainers that held the queue dir: " + holders);
        assertEquals(List.of("drainer.checkpoint", "drainer.lock"), names(queue), "every writer queue written and removed");
        assertEquals(List.of(), children.startedIndirectly(), "no drainer left running");
    }

    @Test
    void shouldGiveUpAfterFiveDrainersInAMinuteDiedAndSaySoOnceAndInStats() throws Exception {
        Path queue = tmp.resolve("q");
        Path target = Files.createFile(tmp.resolve("target.log"));
        Path logfile = Files.createSymbolicLink(tmp.resolve("app.log"), target);
        Process writer = children.start("w", CheckedWriterMain.class, List.of("-Dapplog.drainer=auto",
                        "-Dapplog.logfile=" + logfile, "-Dapplog.heartbeatMs=200", "-DlingerMillis=600000"),
                queue.toString(), "w", "1000");
        String refused = "applog drain: logfile " + logfile + " is a symbolic link; refusing to write through it";
        String gaveUp = "applog: the drainer keeps dying, not starting another: 5 started within 60 s are gone"
                + " (queue=" + queue + " logfile=" + logfile + " lastExit=1); records stay in the queue dir until a"
                + " drainer runs (applog drain --queue " + queue + " --logfile " + logfile + "); noted in "
                + queue.resolve(GaveUpFile.NAME);
        await(() -> stderrLines("w").contains(gaveUp), 120, "the writer giving up");
        Thread.sleep(5 * 200 * 3); // fifteen heartbeats more: no drainer is started any more
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < DrainerSupervisor.MAX_STARTS; i++) {
            expected.add(refused);
        }
        expected.add(gaveUp);
        assertEquals(expected, stderrLines("w"));
        assertTrue(writer.isAlive(), "the writer goes on: " + children.stderr("w"));
        assertEquals("done 1000", children.lastLine("w"));

        String note = Files.readString(queue.resolve(GaveUpFile.NAME));
        String noteLine = "time=\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z pid=" + writer.pid() + " start=\\d+ starts=5 seconds=60"
                + " lastExit=1 process=w\n";
        assertTrue(note.matches(noteLine), note);
        assertEquals(List.of(GaveUpFile.NAME, DrainerLockFile.NAME), names(queue).stream()
                .filter(n -> !n.startsWith("w-")).toList(), "the note is there, and no checkpoint");
        assertFalse(DrainerLockFile.held(queue), "no drainer holds the queue dir");

        Process stats = children.start("stats", io.applog.cli.Main.class, List.of(), "stats", "--queue", queue.toString());
        assertEquals(0, children.exit(stats, "stats", 60), children.stderr("stats"));
        String table = String.join("\n", children.stdout("stats"));
        String line = "drainer restarts: given up at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} by pid " + writer.pid()
                + " \\(w, still running\\): 5 drainers started within 60 s died \\(last exit code 1\\); start one"
                + " with applog drain --queue " + java.util.regex.Pattern.quote(queue.toString()) + " --logfile FILE";
        assertTrue(table.lines().anyMatch(l -> l.matches(line)), table);
        assertTrue(table.contains("\ndrainer: not running\n"), table);

        Process json = children.start("stats-json", io.applog.cli.Main.class, List.of(), "stats", "--queue",
                queue.toString(), "--format", "json");
        assertEquals(0, children.exit(json, "stats-json", 60), children.stderr("stats-json"));
        String object = "\"gaveUp\":\\{\"time\":\"[^\"]+Z\",\"pid\":" + writer.pid() + ",\"process\":\"w\","
                + "\"writerAlive\":true,\"starts\":5,\"seconds\":60,\"lastExit\":\"1\"}";
        assertTrue(children.stdout("stats-json").get(0).matches(".*\"drainer\":\\{\"running\":false,.*" + object + "}.*"),
                children.stdout("stats-json").toString());
        assertEquals("", Files.readString(target), "nothing written through the link");
    }

    /** Waits until a drainer other than {@code not} holds {@code queue}; returns its pid. */
    private static long awaitHolder(Path queue, long not, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            DrainerLockFile.Holder h = DrainerLockFile.holder(queue);
            if (h != null && h.pid() != not && DrainerLockFile.held(queue)) {
                return h.pid();
            }
            Thread.sleep(20);
        }
        return fail("no drainer (other than pid " + not + ") held " + queue + " within " + seconds + " s");
    }

    private static void await(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + seconds + " s for " + what);
            }
            Thread.sleep(20);
        }
    }

    private List<String> stderrLines(String name) {
        try {
            return children.stderr(name).lines().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static List<String> names(Path dir) throws java.io.IOException {
        try (var entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
