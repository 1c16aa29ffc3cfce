package io.applog.drain;

import io.applog.record.WriterHello;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The checkpoint file: a sink's opaque position, and checkpoints written before sinks. */
class CheckpointTest {
    private static final String WRITER_LINE = "writer w-4242-1700000000000-0 77 4242 1700000000000 worker%2F2 host -\n";

    @TempDir
    Path tmp;

    private Path checkpointFile(String text) throws IOException {
        Path file = tmp.resolve(Checkpoint.FILE);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void shouldReadTheLogfileLineOfACheckpointWrittenBeforeSinksAsTheFileSinksPosition() throws Exception {
        Path file = checkpointFile("applog-checkpoint 1\nlogfile 123 %2Fvar%2Flog%2Fapp+1.log\n" + WRITER_LINE);
        Checkpoint c = new Checkpoint(tmp);
        c.load();
        assertEquals("file", c.sinkKind());
        assertEquals("123 %2Fvar%2Flog%2Fapp+1.log", c.sinkPosition("file"));
        assertNull(c.sinkPosition("kafka"));
        assertEquals(new Checkpoint.Position(77, new WriterHello("worker/2", 4242, 1_700_000_000_000L, "host", "", "")),
                c.position("w-4242-1700000000000-0"));

        c.save();
        assertEquals("applog-checkpoint 2\nsink file 123 %2Fvar%2Flog%2Fapp+1.log\n" + WRITER_LINE,
                Files.readString(file));
    }

    @Test
    void shouldKeepASinksPositionExactlyAsItGaveIt() throws Exception {
        Checkpoint c = new Checkpoint(tmp);
        c.load();
        assertEquals("", c.sinkKind());
        assertNull(c.sinkPosition("file"));
        c.sink("topic", "txn=applog-7 epoch=3  offset=-");
        c.save();
        assertEquals("applog-checkpoint 2\nsink topic txn=applog-7 epoch=3  offset=-\n",
                Files.readString(tmp.resolve(Checkpoint.FILE)));
        Checkpoint read = new Checkpoint(tmp);
        read.load();
        assertEquals("txn=applog-7 epoch=3  offset=-", read.sinkPosition("topic"));
    }

    @Test
    void shouldRefuseAPositionItCouldNotReadBack() {
        Checkpoint c = new Checkpoint(tmp);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.sink("file", "1\n2"));
        assertEquals("position=1\n2 (expected one line)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.sink("my sink", "1"));
        assertEquals("kind=my sink (expected one word)", e.getMessage());
    }

    @Test
    void shouldRefuseALogfileLineInTheNewFormatAndASinkLineInTheOld() throws Exception {
        Path file = checkpointFile("applog-checkpoint 2\nlogfile 1 %2Fa\n");
        IOException e = assertThrows(IOException.class, () -> new Checkpoint(tmp).load());
        assertEquals(file + ": bad line: logfile 1 %2Fa", e.getMessage());
        checkpointFile("applog-checkpoint 1\nsink file 1 %2Fa\n");
        e = assertThrows(IOException.class, () -> new Checkpoint(tmp).load());
        assertEquals(file + ": bad line: sink file 1 %2Fa", e.getMessage());
    }

    @Test
    void shouldResumeAfterAnUpgradeCuttingTheLogfileBackToTheOldCheckpoint() throws Exception {
        Path queue = tmp.resolve("q");
        Files.createDirectories(queue);
        Path logfile = tmp.resolve("app.log");
        Files.writeString(logfile, "checkpointed\nwritten after the checkpoint\n");
        String path = URLEncoder.encode(logfile.toAbsolutePath().toString(), StandardCharsets.UTF_8);
        Files.writeString(queue.resolve(Checkpoint.FILE), "applog-checkpoint 1\nlogfile 13 " + path + "\n");
        assertEquals(new Sink.Progress(logfile.toAbsolutePath().toString(), 13, "byte"),
                QueueStats.read(queue).drainer().sink());

        assertEquals(0, InProcessDrain.drain(queue, logfile, "text"));
        assertEquals("checkpointed\n", Files.readString(logfile));
        String key = URLEncoder.encode(FileIdentity.of(logfile).toString(), StandardCharsets.UTF_8);
        assertEquals("applog-checkpoint 2\nsink file 13 " + path + " " + key + "\n",
                Files.readString(queue.resolve(Checkpoint.FILE)), "the position now names the file's identity too");
    }
}
