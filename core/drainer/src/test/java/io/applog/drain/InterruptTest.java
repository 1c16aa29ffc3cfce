package io.applog.drain;

import io.applog.Level;
import io.applog.record.DecodedRecord;
import io.applog.record.MutableRecord;
import io.applog.writer.QueueWriter;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An interrupt of the thread running a drainer stops it at once, whether it idles or recovers
 * from a failing sink: {@code run()} throws {@link InterruptedIOException} with the thread's
 * interrupt status kept, the lock is released, and the next drainer resumes from the checkpoint.
 * What was flushed before the interrupt is checkpointed, even between two checkpoints: the next
 * drainer does not write it again.
 */
class InterruptTest {
    private static final int RECORDS = 1_000;

    @TempDir
    Path tmp;

    private Path queueWithRecords() throws IOException {
        Path queue = tmp.resolve("q");
        try (QueueWriter w = QueueWriter.open(queue, "p", RollCycles.FAST_DAILY, 0, false)) {
            for (int i = 1; i <= RECORDS; i++) {
                w.append(MutableRecord.acquire().level(Level.INFO).logger("t").template("r {}").argument(i));
            }
        }
        return queue;
    }

    /** What the drainer's thread ended with: the exception run() threw and the interrupt status then. */
    private record Ending(Throwable thrown, boolean interrupted) {
    }

    private static Thread start(Drainer drainer, AtomicReference<Ending> ending) {
        Thread t = new Thread(() -> {
            Throwable thrown = null;
            try (drainer) {
                drainer.run();
            } catch (Throwable e) {
                thrown = e;
            }
            ending.set(new Ending(thrown, Thread.currentThread().isInterrupted()));
        }, "drainer");
        t.start();
        return t;
    }

    private static void awaitLines(Path file, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file) || Files.readAllLines(file).size() < n) {
            assertTrue(System.nanoTime() < deadline, "fewer than " + n + " lines in " + file);
            Thread.sleep(10);
        }
    }

    @Test
    void shouldStopAtOnceWhenInterruptedWhileIdleAndLeaveTheQueueToTheNext() throws Exception {
        Path queue = queueWithRecords();
        Path logfile = tmp.resolve("app.log");
        DrainerOptions never = new DrainerOptions(queue, logfile, "text", 0, false, 100);
        AtomicReference<Ending> ending = new AtomicReference<>();
        Thread t = start(Drainer.open(never), ending);
        awaitLines(logfile, RECORDS);
        t.interrupt();
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(t.isAlive(), "the drainer did not stop");
        assertInstanceOf(InterruptedIOException.class, ending.get().thrown());
        assertTrue(ending.get().interrupted(), "the interrupt status is kept");

        try (Drainer next = Drainer.open(never)) { // the lock was released
            next.stop();
            next.run();
            assertEquals(0, next.written());
        }
        assertEquals(RECORDS, Files.readAllLines(logfile).size());
    }

    @Test
    void shouldCheckpointWhatItFlushedWhenInterruptedBeforeTheCheckpointWasDue() throws Exception {
        Path queue = queueWithRecords();
        Path logfile = tmp.resolve("app.log");
        DrainerOptions never = new DrainerOptions(queue, logfile, "text", 0, false, 100);
        Sink interrupting = new InterruptedAtFirstFlush(Sinks.logfile(logfile, "text", null, false, Rotation.NONE));
        AtomicReference<Ending> ending = new AtomicReference<>();
        Thread t = start(Drainer.open(never, interrupting), ending);
        t.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(t.isAlive(), "the drainer did not stop");
        assertInstanceOf(InterruptedIOException.class, ending.get().thrown());
        assertTrue(ending.get().interrupted(), "the interrupt status is kept");
        int flushed = Files.readAllLines(logfile).size();
        assertTrue(flushed > 0, "nothing was flushed");

        try (Drainer next = Drainer.open(never)) {
            next.stop();
            next.run();
            assertEquals(RECORDS - flushed, next.written(), "the next drainer wrote again what was flushed");
        }
        List<String> lines = Files.readAllLines(logfile);
        assertEquals(RECORDS, lines.size());
        for (int i = 0; i < RECORDS; i++) {
            assertTrue(lines.get(i).endsWith(" r " + (i + 1)), lines.get(i));
        }
    }

    @Test
    void shouldStopWhenInterruptedWhileRecoveringFromAFailingSink() throws Exception {
        Path queue = queueWithRecords();
        FailingSink sink = new FailingSink();
        AtomicReference<Ending> ending = new AtomicReference<>();
        Thread t = start(Drainer.open(new DrainerOptions(queue, null, "text", 0, false, 100), sink), ending);
        assertTrue(sink.failed.await(60, TimeUnit.SECONDS), "the sink was never written to");
        t.interrupt(); // the drainer waits (100 ms, doubling) before it resumes from the checkpoint
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(t.isAlive(), "the drainer did not stop");
        assertInstanceOf(InterruptedIOException.class, ending.get().thrown(), String.valueOf(ending.get().thrown()));
        assertTrue(ending.get().interrupted(), "the interrupt status is kept");
        assertTrue(sink.restores.get() <= 2, sink.restores.get() + " restores: the loop went on after the interrupt");
    }

    /**
     * The logfile, with the drainer's thread interrupted by its first flush: the lines are in
     * the file, the checkpoint that would follow fails (its channel closes at once).
     */
    private static final class InterruptedAtFirstFlush implements Sink {
        private final Sink file;
        private boolean flushed;

        InterruptedAtFirstFlush(Sink file) {
            this.file = file;
        }

        @Override
        public String kind() {
            return file.kind();
        }

        @Override
        public String describe() {
            return file.describe();
        }

        @Override
        public void restore(String position) throws IOException {
            file.restore(position);
        }

        @Override
        public void write(DecodedRecord record) throws IOException {
            file.write(record);
        }

        @Override
        public boolean needsCheckpoint() throws IOException {
            return file.needsCheckpoint();
        }

        @Override
        public void flush() throws IOException {
            file.flush();
            if (!flushed) {
                flushed = true;
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String position() throws IOException {
            return file.position();
        }

        @Override
        public boolean afterCheckpoint() throws IOException {
            return file.afterCheckpoint();
        }

        @Override
        public void abandon() throws IOException {
            file.abandon();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    /** A sink whose every write fails, as on a full disk. */
    private static final class FailingSink implements Sink {
        final CountDownLatch failed = new CountDownLatch(1);
        final AtomicInteger restores = new AtomicInteger();

        @Override
        public String kind() {
            return "failing";
        }

        @Override
        public String describe() {
            return "a full disk";
        }

        @Override
        public void restore(String position) {
            restores.incrementAndGet();
        }

        @Override
        public void write(DecodedRecord record) throws IOException {
            failed.countDown();
            throw new IOException("No space left on device");
        }

        @Override
        public boolean needsCheckpoint() {
            return false;
        }

        @Override
        public void flush() {
        }

        @Override
        public String position() {
            return "nothing";
        }

        @Override
        public boolean afterCheckpoint() {
            return false;
        }

        @Override
        public void abandon() {
        }

        @Override
        public void close() {
        }
    }
}
