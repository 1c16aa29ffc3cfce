package io.applog.it;

import io.applog.testing.ChildProcessTest;
import io.applog.testing.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * kill -9 at random moments (seeded; the seed starts every failure message, and
 * {@code -Dapplog.test.seed=N} replays it): of writers while another writer and the drainer run,
 * and of the drainer while writers roll their queue files every second.
 */
@Timeout(value = Stress.TIMEOUT_MINUTES, unit = TimeUnit.MINUTES)
class KillTest extends ChildProcessTest {
    @Test
    void shouldKeepEveryReturnedRecordOfWritersKilledAtRandomMoments() throws Exception {
        long seed = Stress.seed();
        String context = "seed " + seed + ": ";
        Random random = new Random(seed);
        int rounds = Stress.pick(3, 20);
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        Path stop = tmp.resolve("stop");
        Process steady = children.start("steady", CheckedWriterMain.class,
                List.of("-Dprogress=true", "-DstopFile=" + stop), queue.toString(), "steady", "100000000", "200", "5");
        children.awaitWriters(queue, 1);
        Process drainer = children.drainer("drainer", queue, logfile, "--timeout-sec", "1");
        List<Integer> printed = new ArrayList<>();
        List<Long> victimPids = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            String victim = "victim-" + round;
            // victims roll their queue file every second, so some kills land in a roll
            Process p = children.start(victim, CheckedWriterMain.class,
                    List.of("-Dprogress=true", "-Dapplog.rollCycle=TEST_SECONDLY"), queue.toString(), victim, "100000000");
            victimPids.add(p.pid());
            children.awaitLines(victim, 1, 30);
            Thread.sleep(random.nextInt(1_500));
            int steadyBefore = steadyProgress();
            Children.signal(p, "KILL");
            assertEquals(137, children.exit(p, victim, 10, context), context + victim);
            List<String> out = children.stdout(victim);
            printed.add(Integer.parseInt(out.get(out.size() - 1)));
            awaitSteadyProgress(steadyBefore + 100, context + "after killing " + victim);
        }
        Files.createFile(stop);
        assertEquals(0, children.exit(steady, "steady", 30, context), context + children.stderr("steady"));
        int steadyCount = CheckedWriterMain.done(children, "steady");
        assertEquals(0, children.exitWhileGrowing(drainer, "drainer", logfile, 30, context),
                context + children.stderr("drainer"));

        CheckedLog log = CheckedLog.read(logfile, CheckedRecords.VARYING, context);
        log.assertExactly("steady", steadyCount);
        for (int round = 1; round <= rounds; round++) {
            String victim = "victim-" + round;
            int returned = printed.get(round - 1);
            List<Integer> seqs = log.seqs.get(victim);
            int kept = seqs == null ? 0 : seqs.size();
            // every call that returned is there; the one in flight (returned or not) may be
            assertTrue(kept == returned || kept == returned + 1,
                    context + victim + ": " + kept + " records for " + returned + " returned calls");
            log.assertExactly(victim, kept);
        }
        assertEquals(rounds + 1, log.seqs.size(), context + "writers in the file: " + log.seqs.keySet());
        // a victim killed inside a record held its queue's write lock: Chronicle says it takes it over
        for (String line : children.stderr("drainer").lines().toList()) {
            assertTrue(isForcedUnlockOfADeadVictim(line, victimPids), context + "drainer stderr: " + line);
        }
    }

    private static boolean isForcedUnlockOfADeadVictim(String line, List<Long> victimPids) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("applog: WARN net\\.openhft\\.chronicle\\.queue\\.impl"
                + "\\.single\\.TableStoreWriteLock - Forced unlocking `chronicle\\.write\\.lock` in lock file:\\S+/w-(\\d+)-\\d+"
                + "/metadata\\.cq4t, as this was locked by: (\\d+) which is now dead").matcher(line);
        return m.matches() && m.group(1).equals(m.group(2)) && victimPids.contains(Long.parseLong(m.group(1)));
    }

    @Test
    void shouldLoseAndRepeatNothingWhenTheDrainerIsKilledAtRandomPointsDuringQueueRolls() throws Exception {
        long seed = Stress.seed();
        String context = "seed " + seed + ": ";
        Random random = new Random(seed);
        int kills = Stress.pick(3, 20);
        int rolls = Stress.pick(4, 10);
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("app.log");
        Path stop = tmp.resolve("stop");
        List<String> rolling = List.of("-Dapplog.rollCycle=TEST_SECONDLY", "-DstopFile=" + stop, "-Dprogress=true");
        Process a = children.start("roller-a", CheckedWriterMain.class, rolling, queue.toString(), "roller-a",
                "100000000", "100", "10");
        Process b = children.start("roller-b", CheckedWriterMain.class, rolling, queue.toString(), "roller-b",
                "100000000", "300", "20");
        // the rolls are counted from the first records (a loaded machine may take seconds to get there)
        children.awaitLines("roller-a", 1, 30);
        children.awaitLines("roller-b", 1, 30);
        long start = System.nanoTime();
        for (int k = 1; k <= kills || System.nanoTime() - start < (rolls + 1) * 1_000_000_000L; k++) {
            String name = "drainer-" + k;
            Process d = children.drainer(name, queue, logfile, "--timeout-sec", "0");
            Thread.sleep(400 + random.nextInt(1_200));
            Children.signal(d, "KILL");
            assertEquals(137, children.exit(d, name, 10, context), context + children.stderr(name));
        }
        Files.createFile(stop);
        assertEquals(0, children.exit(a, "roller-a", 30, context), context + children.stderr("roller-a"));
        assertEquals(0, children.exit(b, "roller-b", 30, context), context + children.stderr("roller-b"));
        Process last = children.drainer("drainer-last", queue, logfile, "--timeout-sec", "1");
        assertEquals(0, children.exitWhileGrowing(last, "drainer-last", logfile, 30, context),
                context + children.stderr("drainer-last"));

        CheckedLog log = CheckedLog.read(logfile, CheckedRecords.VARYING, context);
        log.assertExactly("roller-a", CheckedWriterMain.done(children, "roller-a"));
        log.assertExactly("roller-b", CheckedWriterMain.done(children, "roller-b"));
        assertEquals(2, log.seqs.size(), context + "writers in the file: " + log.seqs.keySet());
        assertTrue(log.seconds.size() >= rolls, context + "records of " + log.seconds.size() + " one-second cycles");
        try (var left = Files.list(queue)) {
            assertEquals(List.of("drainer.checkpoint", "drainer.lock"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), context + "every cycle drained and deleted");
        }
    }

    private int steadyProgress() throws Exception {
        String last = children.lastLine("steady");
        return last.isEmpty() ? 0 : Integer.parseInt(last);
    }

    /** Bounded wait until the untouched writer has returned from call {@code seq}: it never stalls. */
    private void awaitSteadyProgress(int seq, String context) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (steadyProgress() < seq) {
            if (System.nanoTime() > deadline) {
                fail(context + ": the untouched writer stalled at " + steadyProgress());
            }
            Thread.sleep(10);
        }
    }
}
