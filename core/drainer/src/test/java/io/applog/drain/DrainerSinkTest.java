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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Exactly-once is the drainer loop's: with any sink, records are written, flushed, the sink's
 * own position checkpointed, and only then is the sink's upkeep done; a restart hands the
 * checkpointed position back to the sink.
 */
class DrainerSinkTest {
    @TempDir
    Path tmp;

    /** A sink that keeps nothing but a log of the calls it gets and a count as its position. */
    private static final class RecordingSink implements Sink {
        final List<String> calls = new ArrayList<>();
        private final Path checkpoint;
        private long written;
        private long flushed;

        RecordingSink(Path queue) {
            this.checkpoint = queue.resolve(Checkpoint.FILE);
        }

        @Override
        public String kind() {
            return "recording";
        }

        @Override
        public String describe() {
            return "a list";
        }

        @Override
        public void restore(String position) {
            calls.add("restore " + position);
            flushed = position == null ? 0 : Long.parseLong(position.substring("after ".length(), position.indexOf(" records")));
            written = flushed;
        }

        @Override
        public void write(DecodedRecord record) {
            calls.add("write " + record.template + " " + record.args[0]);
            written++;
        }

        @Override
        public boolean needsCheckpoint() {
            return false;
        }

        @Override
        public void flush() {
            calls.add("flush");
            flushed = written;
        }

        @Override
        public String position() {
            return "after " + flushed + " records";
        }

        /** Notes the sink line of the checkpoint on disk now: upkeep must see its own position there. */
        @Override
        public boolean afterCheckpoint() throws IOException {
            calls.add("afterCheckpoint sees " + Files.readAllLines(checkpoint).get(1));
            return false;
        }

        @Override
        public void abandon() {
            calls.add("abandon");
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    private static RecordingSink drain(Path queue) throws IOException {
        RecordingSink sink = new RecordingSink(queue);
        try (Drainer d = Drainer.open(new DrainerOptions(queue, null, "text", 0, false, 100), sink)) {
            d.stop();
            d.run();
        }
        return sink;
    }

    @Test
    void shouldCheckpointTheSinksOwnPositionBeforeItsUpkeepAndHandItBackOnRestart() throws Exception {
        Path queue = tmp.resolve("q");
        try (QueueWriter w = QueueWriter.open(queue, "p", RollCycles.FAST_DAILY, 0, false)) {
            for (int i = 1; i <= 3; i++) {
                w.append(MutableRecord.acquire().level(Level.INFO).logger("t").template("r {}").argument(i));
            }
        }

        List<String> calls = drain(queue).calls;
        assertEquals("restore null", calls.get(0));
        int first = calls.indexOf("write r {} 1");
        assertEquals(List.of("write r {} 1", "write r {} 2", "write r {} 3", "flush",
                "afterCheckpoint sees sink recording after 3 records"), calls.subList(first, first + 5));
        for (String before : calls.subList(1, first)) {
            assertEquals("afterCheckpoint sees sink recording after 0 records", before, calls.toString());
        }
        assertEquals(3, calls.stream().filter(c -> c.startsWith("write")).count(), calls.toString());
        assertEquals("close", calls.get(calls.size() - 1));
        assertEquals("applog-checkpoint 2\nsink recording after 3 records\n",
                Files.readString(queue.resolve(Checkpoint.FILE)), "the drained writer queue is removed");

        List<String> again = drain(queue).calls;
        assertEquals("restore after 3 records", again.get(0));
        assertEquals(0, again.stream().filter(c -> c.startsWith("write")).count(), again.toString());
    }
}
