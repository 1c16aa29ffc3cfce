package io.applog.internal;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Roll cycles by name (the applog.rollCycle setting) and recognised from a queue's file names. */
class QueuesTest {
    @TempDir
    Path tmp;

    private static List<RollCycle> all() {
        List<RollCycle> all = new ArrayList<>(List.of(RollCycles.values()));
        all.addAll(List.of(TestRollCycles.values()));
        return all;
    }

    /**
     * chronicle-core initialises the affinity module if it is on the class path, and that loads
     * JNA (about 100 ms of every cold start); the build excludes it.
     */
    @Test
    void chroniclesThreadAffinityModuleIsNotOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("net.openhft.affinity.Affinity"));
    }

    @Test
    void shouldAcceptEveryRollCycleByNameIncludingTheTestOnes() {
        for (RollCycle c : all()) {
            assertSame(c, Queues.rollCycle(((Enum<?>) c).name().toLowerCase()));
        }
        assertEquals("applog.rollCycle=SECONDLY (expected a name from RollCycles, e.g. FIVE_MINUTELY or FAST_HOURLY)",
                assertThrows(IllegalArgumentException.class, () -> Queues.rollCycle("SECONDLY")).getMessage());
    }

    @Test
    void shouldRecogniseEachRollCycleFromItsFileNames() throws Exception {
        int cycle = 20_000; // days since the epoch for a daily cycle, hours for an hourly one...
        for (RollCycle c : all()) {
            Path dir = Files.createDirectory(tmp.resolve(((Enum<?>) c).name()));
            Files.createFile(dir.resolve(Queues.cycleName(c, cycle) + Queues.CYCLE_SUFFIX));
            assertSame(c, Queues.rollCycleOf(dir), ((Enum<?>) c).name());
        }
        assertNull(Queues.rollCycleOf(Files.createDirectory(tmp.resolve("empty"))));
    }
}
