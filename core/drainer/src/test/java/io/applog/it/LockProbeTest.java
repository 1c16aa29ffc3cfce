package io.applog.it;

import io.applog.testing.ChildProcessTest;
import io.applog.testing.Children;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checking for a drainer never takes its lock: with {@code applog stats} and the writers' own
 * check running in a tight loop on queue dirs whose drainers are starting, every writer opened
 * in drainer mode auto on a new queue dir (half of them holding a lock file an earlier drainer
 * left) still gets exactly one drainer, which writes its whole logfile.
 */
class LockProbeTest extends ChildProcessTest {
    private static final int ROUNDS = 50;
    private static final int RECORDS = 20;
    private static final int IN_FLIGHT = 8;
    /**
     * Inherited by the drainers the rounds start: C1 only halves a drainer's start-up CPU (2.3 s
     * to 1.3 s here), which 50 of them on two cores need; the lock does not depend on the JIT.
     */
    private static final java.util.Map<String, String> QUICK_START = java.util.Map.of("JAVA_TOOL_OPTIONS",
            "-XX:TieredStopAtLevel=1");
    private static final String PICKED_UP = "Picked up JAVA_TOOL_OPTIONS: -XX:TieredStopAtLevel=1";

    @Test
    void shouldGiveEveryRoundExactlyOneDrainerWhileStatsRunsInATightLoop() throws Exception {
        Path base = Files.createDirectory(tmp.resolve("rounds"));
        Path stop = tmp.resolve("stop");
        long start = System.nanoTime();
        Process stats = children.start("stats", StatsLoopMain.class, List.of(), base.toString(), stop.toString());
        Process rounds = children.start("rounds", RoundsMain.class, List.of(), QUICK_START, base.toString(),
                Integer.toString(ROUNDS), Integer.toString(RECORDS), Integer.toString(IN_FLIGHT));
        assertEquals(0, children.exit(rounds, "rounds", 240), children.stderr("rounds"));
        Files.createFile(stop);
        assertEquals(0, children.exit(stats, "stats", 60), children.stderr("stats"));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        List<String> expected = new ArrayList<>();
        for (int r = 1; r <= ROUNDS; r++) {
            expected.add("round " + r + ": drainers started 1, exit 0");
        }
        List<String> reported = children.stdout("rounds");
        List<String> problems = new ArrayList<>();
        for (int r = 1; r <= ROUNDS; r++) {
            Path log = base.resolve("log-" + r);
            List<Integer> seqs = Files.exists(log)
                    ? LogFile.read(log).sequences().getOrDefault("round-" + r, List.of()) : List.of();
            if (seqs.size() != RECORDS || !seqs.equals(java.util.stream.IntStream.rangeClosed(1, RECORDS).boxed().toList())) {
                problems.add("round " + r + ": " + seqs.size() + " of " + RECORDS + " records in " + log.getFileName());
            }
            try (var left = Files.list(base.resolve("q-" + r))) {
                List<String> names = left.map(p -> p.getFileName().toString()).sorted().toList();
                if (!names.equals(List.of("drainer.checkpoint", "drainer.lock"))) {
                    problems.add("round " + r + ": queue dir holds " + names);
                }
            }
        }
        List<String> statsOut = children.stdout("stats");
        System.out.println("LockProbeTest: " + ROUNDS + " rounds in " + seconds + " s, " + statsOut);
        assertEquals(List.of(), problems, reported.toString());
        assertEquals(expected, reported);
        assertEquals(List.of(), children.stderr("rounds").lines().filter(l -> !l.equals(PICKED_UP)).toList(),
                "stderr of the rounds and of their drainers");
        assertEquals("failed 0", statsOut.get(2), "stats calls that failed; their stderr: " + children.stderr("stats"));
        assertTrue(Long.parseLong(statsOut.get(0).substring("stats ".length())) >= ROUNDS,
                "stats ran at least once per round: " + statsOut);
    }
}
