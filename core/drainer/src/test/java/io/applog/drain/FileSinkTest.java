package io.applog.drain;

import io.applog.Level;
import io.applog.format.RecordFormat;
import io.applog.record.DecodedRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file sink's side of the sink contract: its position, restoring it, rotating after a checkpoint. */
class FileSinkTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final String PREFIX = "2026-11-25 05:07:12.345678 INFO  worker-2[4242] [main] demo.Worker - ";

    @TempDir
    Path tmp;

    private static DecodedRecord record(String message) {
        DecodedRecord r = new DecodedRecord();
        Instant t = Instant.parse("2026-11-25T05:07:12.345678901Z");
        r.timestampNanos = t.getEpochSecond() * 1_000_000_000L + t.getNano();
        r.level = Level.INFO;
        r.process = "worker-2";
        r.pid = 4242;
        r.thread.append("main");
        r.logger.append("demo.Worker");
        r.template.append(message);
        r.hasTemplate = true;
        return r;
    }

    private static FileSink sink(Path logfile, Rotation rotation) {
        return new FileSink(logfile, RecordFormat.of("text", UTC), false, rotation, UTC);
    }

    /** A sink without rotation, restored to {@code position}. */
    private static FileSink restored(Path logfile, String position) throws IOException {
        FileSink sink = sink(logfile, Rotation.NONE);
        sink.restore(position);
        return sink;
    }

    /** The position of {@code length} bytes of the file now at {@code logfile} (key {@code -} if none is). */
    private static String position(Path logfile, long length) {
        Object key = FileIdentity.of(logfile);
        return length + " " + URLEncoder.encode(logfile.toAbsolutePath().toString(), StandardCharsets.UTF_8)
                + " " + URLEncoder.encode(key == null ? "-" : key.toString(), StandardCharsets.UTF_8);
    }

    /** Writes the messages as one batch and flushes; returns the position then. */
    private static String writeBatch(Sink sink, String... messages) throws IOException {
        for (String m : messages) {
            sink.write(record(m));
        }
        sink.flush();
        return sink.position();
    }

    @Test
    void shouldGiveItsLengthAndPathAsPositionAndTakeThatPositionBackUnchanged() throws Exception {
        Path logfile = tmp.resolve("dir with space/app.log");
        String saved;
        try (FileSink sink = restored(logfile, null)) {
            assertEquals(position(logfile, 0), sink.position());
            saved = writeBatch(sink, "one", "two");
        }
        String two = PREFIX + "one\n" + PREFIX + "two\n";
        assertEquals(position(logfile, two.length()), saved);
        assertTrue(saved.contains(" " + tmp.toAbsolutePath().toString().replace("/", "%2F") + "%2Fdir+with+space%2Fapp.log "),
                saved);
        try (FileSink again = restored(logfile, saved)) {
            assertEquals(saved, again.position());
            writeBatch(again, "three");
        }
        assertEquals(two + PREFIX + "three\n", Files.readString(logfile));
    }

    @Test
    void shouldCutWhatWasWrittenAfterTheRestoredPosition() throws Exception {
        Path logfile = tmp.resolve("app.log");
        String checkpointed;
        try (FileSink sink = restored(logfile, null)) {
            checkpointed = writeBatch(sink, "kept 1", "kept 2");
            writeBatch(sink, "after the checkpoint");
        }
        assertEquals(3, Files.readAllLines(logfile).size());
        try (FileSink restarted = restored(logfile, checkpointed)) {
            assertEquals(PREFIX + "kept 1\n" + PREFIX + "kept 2\n", Files.readString(logfile));
            assertEquals(checkpointed, restarted.position());
        }
    }

    @Test
    void shouldKeepTheWholeFileForNoPositionOrAnotherFilesPosition() throws Exception {
        Path logfile = tmp.resolve("app.log");
        Files.writeString(logfile, "an older line\n");
        try (FileSink sink = restored(logfile, position(tmp.resolve("other.log"), 3))) {
            assertEquals(position(logfile, 14), sink.position());
        }
        try (FileSink sink = restored(logfile, null)) {
            assertEquals(position(logfile, 14), writeBatch(sink));
        }
        assertEquals("an older line\n", Files.readString(logfile));
    }

    @Test
    void shouldRefuseAPositionThatIsNotItsOwn() {
        FileSink sink = sink(tmp.resolve("app.log"), Rotation.NONE);
        IOException e = assertThrows(IOException.class, () -> sink.restore("txn-7"));
        assertEquals("position=txn-7 of the file sink is not <length> <path>", e.getMessage());
        e = assertThrows(IOException.class, () -> sink.restore("-1 %2Fa"));
        assertEquals("position=-1 %2Fa of the file sink is not <length> <path>", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("app.log")));
    }

    @Test
    void shouldAskForACheckpointAtTheSizeLimitAndRotateOnlyAfterIt() throws Exception {
        Path logfile = tmp.resolve("app.log");
        String line = PREFIX + "x\n";
        try (FileSink sink = sink(logfile, new Rotation(2L * line.length(), Rotation.Period.NONE, 2, false))) {
            sink.restore(null);
            assertFalse(sink.afterCheckpoint(), "an empty file never rotates");
            sink.write(record("x"));
            assertFalse(sink.needsCheckpoint());
            sink.write(record("x"));
            assertTrue(sink.needsCheckpoint());
            sink.flush();
            assertEquals(position(logfile, 2L * line.length()), sink.position());
            assertTrue(sink.afterCheckpoint(), "rotated: a new position to checkpoint");
            assertEquals(position(logfile, 0), sink.position());
            assertFalse(sink.needsCheckpoint());
            assertFalse(sink.afterCheckpoint());
            writeBatch(sink, "y");
        }
        assertEquals(line + line, Files.readString(tmp.resolve("app.log.1")));
        assertEquals(PREFIX + "y\n", Files.readString(logfile));
    }

    @Test
    void shouldOpenThePathAgainWhenAskedAfterLogrotateRenamedTheFile() throws Exception {
        Path logfile = tmp.resolve("app.log");
        try (FileSink sink = restored(logfile, null)) {
            writeBatch(sink, "before");
            Files.move(logfile, tmp.resolve("app.log.1"));
            writeBatch(sink, "still to the renamed file"); // the open file, until the next checkpoint
            sink.reopen();
            assertTrue(sink.afterCheckpoint(), "reopened: a new position to checkpoint");
            assertEquals(position(logfile, 0), sink.position());
            writeBatch(sink, "after");
        }
        assertEquals(PREFIX + "before\n" + PREFIX + "still to the renamed file\n", Files.readString(tmp.resolve("app.log.1")));
        assertEquals(PREFIX + "after\n", Files.readString(logfile));
    }

    @Test
    void shouldNoticeARenamedOrDeletedFileByItselfWithinASecond() throws Exception {
        Path logfile = tmp.resolve("app.log");
        try (FileSink sink = restored(logfile, null)) {
            writeBatch(sink, "one");
            Files.move(logfile, tmp.resolve("app.log.1"));
            assertTrue(noticedWithin(sink, 1_000), "rename noticed");
            assertEquals(position(logfile, 0), sink.position());
            writeBatch(sink, "two");
            Files.delete(logfile);
            assertTrue(noticedWithin(sink, 1_000), "deletion noticed");
            writeBatch(sink, "three");
        }
        assertEquals(PREFIX + "one\n", Files.readString(tmp.resolve("app.log.1")));
        assertEquals(PREFIX + "three\n", Files.readString(logfile));
    }

    /** Calls afterCheckpoint, as the drainer does while idle, until it moves the position or the time is up. */
    private static boolean noticedWithin(Sink sink, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (sink.afterCheckpoint()) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    @Test
    void shouldGoOnAtTheEndOfAFileTruncatedUnderItNeverAfterAGapOfNuls() throws Exception {
        Path logfile = tmp.resolve("app.log");
        try (FileSink sink = restored(logfile, null)) {
            writeBatch(sink, "one", "two");
            try (var ch = java.nio.channels.FileChannel.open(logfile, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(0); // copytruncate, after its copy
            }
            writeBatch(sink, "three"); // before the sink noticed
            assertEquals(PREFIX + "three\n", Files.readString(logfile));
            assertTrue(noticedWithin(sink, 1_000));
            assertEquals(position(logfile, (PREFIX + "three\n").length()), sink.position());
            writeBatch(sink, "four");
        }
        assertEquals(PREFIX + "three\n" + PREFIX + "four\n", Files.readString(logfile));
    }

    @Test
    void shouldCutBackTheRenamedFileWhenThePositionIsOfTheFileLogrotateMovedAway() throws Exception {
        Path logfile = tmp.resolve("app.log");
        String checkpointed;
        try (FileSink sink = restored(logfile, null)) {
            checkpointed = writeBatch(sink, "checkpointed");
            writeBatch(sink, "written after the checkpoint");
        } // killed here, say; then logrotate (create) renames the file and makes an empty one
        Files.move(logfile, tmp.resolve("app.log.1"));
        Files.createFile(logfile);
        try (FileSink restarted = restored(logfile, checkpointed)) {
            assertEquals(position(logfile, 0), restarted.position());
            writeBatch(restarted, "written after the checkpoint");
        }
        assertEquals(PREFIX + "checkpointed\n", Files.readString(tmp.resolve("app.log.1")));
        assertEquals(PREFIX + "written after the checkpoint\n", Files.readString(logfile));
    }

    @Test
    void shouldTakeAPositionWithoutFileKeyAsTheFileAtItsPath() throws Exception {
        Path logfile = tmp.resolve("app.log");
        Files.writeString(logfile, "checkpointed\nwritten after the checkpoint\n");
        String earlier = "13 " + URLEncoder.encode(logfile.toAbsolutePath().toString(), StandardCharsets.UTF_8);
        try (FileSink sink = restored(logfile, earlier)) {
            assertEquals(position(logfile, 13), sink.position());
        }
        assertEquals("checkpointed\n", Files.readString(logfile));
    }

    @Test
    void shouldTellOperatorsWhereAndHowFar() throws Exception {
        Path logfile = tmp.resolve("app.log");
        Sink.Progress p = Sinks.progress(FileSink.KIND, position(logfile, 1234));
        assertEquals(new Sink.Progress(logfile.toAbsolutePath().toString(), 1234, "byte"), p);
        assertEquals(logfile.toAbsolutePath() + " at byte 1234", p.describe());
        assertEquals("", Sink.Progress.NONE.describe());
        IOException e = assertThrows(IOException.class, () -> Sinks.progress("s3", "txn-7"));
        assertEquals("sink=s3 of the checkpoint is not a sink this version knows", e.getMessage());
        // the topic sink of applog ship is read as text, without a Kafka class
        assertEquals(new Sink.Progress("topic app.log", 17, "message", Sink.Progress.ACKNOWLEDGED, 2),
                Sinks.progress("kafka", "17 app.log 2"));
        e = assertThrows(IOException.class, () -> Sinks.progress("kafka", "txn-7"));
        assertEquals("position=txn-7 of the kafka sink is not <messages> <topic> [<lost>]", e.getMessage());
        assertEquals(List.of("file", logfile.toString()), List.of(sink(logfile, Rotation.NONE).kind(),
                sink(logfile, Rotation.NONE).describe()));
    }
}
