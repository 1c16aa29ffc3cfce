package io.applog.drain;

import io.applog.Level;
import io.applog.record.DecodedRecord;
import io.applog.record.MutableRecord;
import io.applog.writer.QueueWriter;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Two drainers of one queue dir ({@code applog ship --logfile}: a topic and a file): the file is
 * written while the other sink fails, each keeps its own checkpoint, and the writer queue is
 * deleted only once both have written it.
 */
class DrainerGroupTest {
    @TempDir
    Path tmp;

    /** A sink that counts what it is given; while {@code down}, every flush fails (a broker away). */
    private static class CountingSink implements Sink {
        final boolean down;
        long written;
        long flushed;

        CountingSink(boolean down) {
            this.down = down;
        }

        @Override
        public String kind() {
            return "counting";
        }

        @Override
        public String describe() {
            return "a counter";
        }

        @Override
        public void restore(String position) {
            flushed = position == null ? 0 : Long.parseLong(position);
            written = flushed;
        }

        @Override
        public void write(DecodedRecord record) {
            written++;
        }

        @Override
        public boolean needsCheckpoint() {
            return false;
        }

        @Override
        public void flush() throws IOException {
            if (down) {
                throw new IOException("broker down");
            }
            flushed = written;
        }

        @Override
        public String position() {
            return Long.toString(flushed);
        }

        @Override
        public boolean afterCheckpoint() {
            return false;
        }

        @Override
        public void abandon() {
            written = flushed;
        }

        @Override
        public void close() {
        }
    }

    /** A counting sink whose first flush takes a second: its drainer returns after the other. */
    private static final class SlowSink extends CountingSink {
        private boolean slept;

        SlowSink() {
            super(false);
        }

        @Override
        public String kind() {
            return "slow";
        }

        @Override
        public void flush() throws IOException {
            if (!slept) {
                slept = true;
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            super.flush();
        }
    }

    private static DrainerGroup open(Path queue, Path logfile, Sink first) throws IOException {
        DrainerOptions options = new DrainerOptions(queue, logfile, "text", 0, false, 100);
        return DrainerGroup.open(options, List.of(first, Sinks.create(options)));
    }

    private static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Three records of one writer into {@code queue}; returns the writer queue's name. */
    private static String writeThree(Path queue) throws IOException {
        try (QueueWriter w = QueueWriter.open(queue, "p", RollCycles.FAST_DAILY, 0, false)) {
            for (int i = 1; i <= 3; i++) {
                w.append(MutableRecord.acquire().level(Level.INFO).logger("t").template("r {}").argument(i));
            }
            return w.directory().getFileName().toString();
        }
    }

    @Test
    void shouldWriteTheFileWhileTheOtherSinkFailsAndDeleteTheQueueOnceBothHaveIt() throws Exception {
        Path queue = tmp.resolve("q");
        Path logfile = tmp.resolve("host.log");
        String writer = writeThree(queue);

        CountingSink away = new CountingSink(true);
        try (DrainerGroup group = open(queue, logfile, away)) {
            group.stop();
            assertEquals("broker down", assertThrows(IOException.class, group::run).getMessage());
            assertEquals(3, group.get(1).written(), "the file's drainer went on");
        }
        assertEquals(3, Files.readAllLines(logfile).size());
        assertEquals(List.of("drainer-file.checkpoint", "drainer.checkpoint", "drainer.lock", writer), names(queue),
                "the writer queue is kept for the sink that has not got it");
        assertEquals("applog-checkpoint 2\nsink counting 0\n", Files.readString(queue.resolve("drainer.checkpoint")));

        CountingSink back = new CountingSink(false);
        try (DrainerGroup group = open(queue, logfile, back)) {
            group.stop();
            group.run();
            assertEquals(3, group.get(0).written());
            assertEquals(0, group.get(1).written(), "the file's drainer resumed from its own checkpoint");
        }
        assertEquals(3, back.flushed);
        assertEquals(3, Files.readAllLines(logfile).size());
        assertEquals(List.of("drainer-file.checkpoint", "drainer.checkpoint", "drainer.lock"), names(queue),
                "both have written it: the writer queue is deleted");
        assertEquals("applog-checkpoint 2\nsink counting 3\n", Files.readString(queue.resolve("drainer.checkpoint")));
    }

    @Test
    void shouldNameNoDeletedWriterInTheCheckpointOfTheDrainerThatReturnedFirst() throws Exception {
        Path queue = tmp.resolve("q");
        writeThree(queue);
        CountingSink fast = new CountingSink(false);
        SlowSink slow = new SlowSink();
        DrainerOptions options = new DrainerOptions(queue, tmp.resolve("unused.log"), "text", 0, false, 100);
        try (DrainerGroup group = DrainerGroup.open(options, List.of(fast, slow))) {
            group.stop();
            group.run();
        }
        assertEquals(3, fast.flushed);
        assertEquals(3, slow.flushed);
        assertEquals(List.of("drainer-slow.checkpoint", "drainer.checkpoint", "drainer.lock"), names(queue),
                "both have written it: the writer queue is deleted");
        assertEquals("applog-checkpoint 2\nsink counting 3\n", Files.readString(queue.resolve("drainer.checkpoint")),
                "the drainer that returned first, before the other deleted the writer queue, no longer names it");
        assertEquals("applog-checkpoint 2\nsink slow 3\n", Files.readString(queue.resolve("drainer-slow.checkpoint")));
    }
}
