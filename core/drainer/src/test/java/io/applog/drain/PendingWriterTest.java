package io.applog.drain;

import io.applog.Level;
import io.applog.internal.ProcessIdentity;
import io.applog.internal.Queues;
import io.applog.internal.SecureFiles;
import io.applog.record.MutableRecord;
import io.applog.record.RecordEncoder;
import io.applog.record.RecordLayout;
import io.applog.writer.WriterDirectory;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A writer directory whose queue is not there yet is a writer starting up, not an idle queue. */
class PendingWriterTest {
    @TempDir
    Path tmp;

    @Test
    void shouldWaitForAWriterWhoseQueueAppearsAfterTheTimeout() throws Exception {
        Path root = tmp.resolve("q");
        SecureFiles.createDirectories(root);
        long pid = 4_194_304 + 17; // above pid_max: no such process
        long started = System.currentTimeMillis();
        Path dir = root.resolve(WriterDirectory.name(pid, started, 0));
        SecureFiles.createDirectory(dir);
        Path logfile = tmp.resolve("app.log");
        Drainer drainer = Drainer.open(new DrainerOptions(root, logfile, "text", 1, false, 100));
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread running = started(drainer, failed);
        running.join(2_500);
        assertTrue(running.isAlive(), "the drainer exited while a writer directory waited for its queue");

        writeLateQueue(dir, pid, started);
        running.join(10_000);
        assertFalse(running.isAlive(), "the drainer did not exit after the writer's GOODBYE");
        assertNull(failed.get());
        List<String> lines = Files.readAllLines(logfile);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(" INFO  late[" + pid + "] [main] it.Late - queue built late"), lines.get(0));
    }

    @Test
    void shouldReadAWriterWhoseQueueAppearsLongAfterItsDirectoryWasMade() throws Exception {
        Path root = tmp.resolve("q");
        SecureFiles.createDirectories(root);
        long pid = 4_194_304 + 18; // above pid_max: no such process
        long started = System.currentTimeMillis() - 60_000;
        Path dir = root.resolve(WriterDirectory.name(pid, started, 0));
        SecureFiles.createDirectory(dir);
        Files.setLastModifiedTime(dir, java.nio.file.attribute.FileTime.fromMillis(started));
        Path logfile = tmp.resolve("app.log");
        // 0: never exits on its own, so that only the queue appearing can end this test's wait
        Drainer drainer = Drainer.open(new DrainerOptions(root, logfile, "text", 0, false, 100));
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread running = started(drainer, failed);
        try {
            Thread.sleep(500); // the drainer's first scans find the directory stalled (made a minute ago)
            assertTrue(running.isAlive());
            writeLateQueue(dir, pid, started);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while ((!Files.exists(logfile) || Files.size(logfile) == 0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<String> lines = Files.readAllLines(logfile);
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).endsWith(" INFO  late[" + pid + "] [main] it.Late - queue built late"),
                    lines.get(0));
        } finally {
            drainer.stop();
            running.join(10_000);
        }
        assertFalse(running.isAlive(), "the drainer did not stop");
        assertNull(failed.get());
    }

    @Test
    void shouldKeepALiveWriterWhoseHelloIsSlowerThanTheTimeout() throws Exception {
        Path root = tmp.resolve("q");
        SecureFiles.createDirectories(root);
        ProcessIdentity me = ProcessIdentity.current(); // the writer is this process: alive
        Path dir = root.resolve(WriterDirectory.name(me.pid(), me.startMillis(), 0));
        SecureFiles.createDirectory(dir);
        Path logfile = tmp.resolve("app.log");
        RecordEncoder encoder = new RecordEncoder(RollCycles.FIVE_MINUTELY);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        try (SingleChronicleQueue queue = Queues.forWriting(dir, RollCycles.FIVE_MINUTELY, new NoListener());
             var appender = queue.createAppender()) {
            Drainer drainer;
            Thread running;
            try (DocumentContext dc = appender.writingDocument()) {
                // the cycle file exists, the HELLO is not complete: the drainer sees a queue without a writer yet
                drainer = Drainer.open(new DrainerOptions(root, logfile, "text", 1, false, 100));
                running = started(drainer, failed);
                running.join(2_500); // more than the 1 s timeout
                assertTrue(running.isAlive(), "the drainer gave up on a live writer whose HELLO was pending");
                encoder.header(dc.wire().bytes(), RecordLayout.KIND_HELLO, (byte) 0);
                encoder.hello(dc.wire().bytes(), "slow", me.pid(), me.startMillis(), me.host(), me.pidNamespace(), "test");
                encoder.timestamp(dc.wire().bytes(), System.currentTimeMillis() * 1_000_000L);
            }
            logAndGoodbye(appender, encoder, "it.Slow", "after a slow hello");
            running.join(20_000);
            assertFalse(running.isAlive(), "the drainer did not exit after the writer's GOODBYE");
        }
        assertNull(failed.get());
        List<String> lines = Files.readAllLines(logfile);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(" INFO  slow[" + me.pid() + "] [main] it.Slow - after a slow hello"),
                lines.get(0));
    }

    /** What a writer that took seconds to build its queue appends: HELLO, one LOG, GOODBYE. */
    private static void writeLateQueue(Path dir, long pid, long started) {
        ProcessIdentity me = ProcessIdentity.current();
        RecordEncoder encoder = new RecordEncoder(RollCycles.FIVE_MINUTELY);
        try (SingleChronicleQueue queue = Queues.forWriting(dir, RollCycles.FIVE_MINUTELY, new NoListener());
             var appender = queue.createAppender()) {
            try (DocumentContext dc = appender.writingDocument()) {
                encoder.header(dc.wire().bytes(), RecordLayout.KIND_HELLO, (byte) 0);
                encoder.hello(dc.wire().bytes(), "late", pid, started, me.host(), me.pidNamespace(), "test");
                encoder.timestamp(dc.wire().bytes(), System.currentTimeMillis() * 1_000_000L);
            }
            logAndGoodbye(appender, encoder, "it.Late", "queue built late");
        }
    }

    /** Runs {@code drainer} in a thread of its own, closing it at the end; what it throws goes to {@code failed}. */
    private static Thread started(Drainer drainer, AtomicReference<Throwable> failed) {
        Thread running = new Thread(() -> {
            try (drainer) {
                drainer.run();
            } catch (Throwable t) {
                failed.set(t);
            }
        }, "drainer");
        running.start();
        return running;
    }

    /** Appends one LOG record (thread main, INFO) and a GOODBYE, as a writer that closes does. */
    private static void logAndGoodbye(ExcerptAppender appender, RecordEncoder encoder, String logger, String message) {
        try (DocumentContext dc = appender.writingDocument()) {
            encoder.header(dc.wire().bytes(), RecordLayout.KIND_LOG, Level.INFO.code());
            encoder.log(dc.wire().bytes(), new MutableRecord().level(Level.INFO).thread("main")
                    .logger(logger).template(message), dc.index());
            encoder.timestamp(dc.wire().bytes(), System.currentTimeMillis() * 1_000_000L);
        }
        try (DocumentContext dc = appender.writingDocument()) {
            encoder.header(dc.wire().bytes(), RecordLayout.KIND_GOODBYE, (byte) 0);
            encoder.counter(dc.wire().bytes(), 0);
            encoder.timestamp(dc.wire().bytes(), System.currentTimeMillis() * 1_000_000L);
        }
    }

    private static final class NoListener implements StoreFileListener {
        @Override
        public void onReleased(int cycle, java.io.File file) {
            // nothing to do
        }
    }
}
