package io.applog.drain;

import io.applog.Level;
import io.applog.internal.Queues;
import io.applog.record.MutableRecord;
import io.applog.writer.QueueWriter;
import net.openhft.chronicle.queue.RollCycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which writer directories the drainer opens, and that a writer killed while rolling is read
 * completely, at once (a next cycle file without a complete header is the end of its queue, not
 * damage, and nothing waits for that header to be completed).
 */
class QueueInspectionTest {
    private static final RollCycle SECONDLY = Queues.rollCycle("TEST_SECONDLY");

    @TempDir
    Path tmp;

    /**
     * A closed writer's directory with {@code records} records; returns its last cycle file (a
     * second boundary during the writes or the close makes two).
     */
    private Path writer(int records) throws Exception {
        List<Path> cycles = cycles(records);
        return cycles.get(cycles.size() - 1);
    }

    private List<Path> cycles(int records) throws Exception {
        Path dir;
        try (QueueWriter w = QueueWriter.open(tmp.resolve("q"), "p", SECONDLY, 0, false)) {
            for (int i = 1; i <= records; i++) {
                w.append(MutableRecord.acquire().level(Level.INFO).logger("t").template("r {}").argument(i));
            }
            dir = w.directory();
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".cq4")).sorted().toList();
        }
    }

    private static Path nextCycle(Path cycleFile) {
        String name = cycleFile.getFileName().toString();
        int cycle = (int) (java.time.LocalDateTime.parse(name.substring(0, 15),
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")).toEpochSecond(java.time.ZoneOffset.UTC));
        return cycleFile.resolveSibling(Queues.cycleName(SECONDLY, cycle + 1) + Queues.CYCLE_SUFFIX);
    }

    @Test
    void shouldReadEveryRecordOfAWriterKilledWhileCreatingItsNextCycleFile() throws Exception {
        Path last = writer(100);
        Files.createFile(nextCycle(last));
        assertDrainedWhole(last.getParent());
    }

    @Test
    void shouldReadEveryRecordOfAWriterKilledWhileWritingTheHeaderOfItsNextCycleFile() throws Exception {
        Path last = writer(100);
        byte[] incomplete = new byte[1 << 16];
        incomplete[3] = (byte) 0x80; // Chronicle's NOT_COMPLETE header word, little-endian, nothing after it
        Files.write(nextCycle(last), incomplete);
        assertDrainedWhole(last.getParent());
    }

    /**
     * The writer queue {@code dir} (of {@link #writer}{@code (100)}) is ready, its 100 records are drained,
     * and it is removed with nothing set aside as damaged.
     */
    private void assertDrainedWhole(Path dir) throws Exception {
        assertEquals(QueueInspection.READY, QueueInspection.of(dir));
        Path logfile = tmp.resolve("app.log");
        assertEquals(100, InProcessDrain.drain(tmp.resolve("q"), logfile, "text"));
        assertEquals(100, Files.readAllLines(logfile).size());
        assertEquals(List.of("drainer.checkpoint", "drainer.lock"), listing(tmp.resolve("q")),
                "the writer queue, all of it written, is removed; no damage set aside");
    }

    /** The names in {@code dir}, sorted. */
    private static List<String> listing(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shouldWaitForAFirstCycleFileWithoutAHeader() throws Exception {
        Path first = cycles(1).get(0);
        Files.write(first, new byte[0]);
        assertEquals(QueueInspection.notYet(first.getFileName() + " in it has no complete Chronicle header"),
                QueueInspection.of(first.getParent()));
    }

    @Test
    void shouldRefuseASymlinkOrAForeignFileInAWriterDirectory() throws Exception {
        Path last = writer(1);
        Path next = nextCycle(last);
        Files.writeString(next, "not a queue file");
        assertEquals(QueueInspection.refused(next.getFileName() + " in it is not a Chronicle queue file"),
                QueueInspection.of(last.getParent()));
        Files.delete(next);
        Files.createSymbolicLink(next, last);
        assertEquals(QueueInspection.refused(next.getFileName() + " in it is not a regular file"),
                QueueInspection.of(last.getParent()));
    }
}
