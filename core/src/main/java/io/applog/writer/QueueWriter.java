package io.applog.writer;

import io.applog.Level;
import io.applog.internal.InternalLog;
import io.applog.internal.ProcessIdentity;
import io.applog.internal.Queues;
import io.applog.internal.SecureFiles;
import io.applog.record.MutableRecord;
import io.applog.record.RecordEncoder;
import io.applog.record.RecordLayout;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This process's own queue: the only place it appends records. Threads of the process share
 * one appender behind a non-fair lock (contending threads park instead of spinning). No
 * other process ever appends here, so a call never waits on another process.
 *
 * <p>Every failure is counted, never thrown: {@link #append} returns false and the count
 * reaches the log in a WARN record as soon as records can be written again.
 */
public final class QueueWriter implements AutoCloseable {
    public static final String VERSION = io.applog.internal.Version.CURRENT;
    /**
     * How far behind this writer's clock the time a record carries may be kept: half the
     * drainer's default reorder window (100 ms), the other half a margin for the two clocks.
     */
    public static final long MAX_BACKDATE_NANOS = 50_000_000L;
    private static final String SELF_LOGGER = "applog";

    private final ReentrantLock lock = new ReentrantLock();
    private final Path dir;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final RecordEncoder encoder;
    /** The WARN record that reports drops, filled under the lock. */
    private final MutableRecord dropReport = new MutableRecord();
    private final EpochClock clock = new EpochClock();
    private final long minFreeBytes;
    private Pretoucher pretoucher;
    private long lastTimestamp;
    private volatile boolean closed;
    /** A GOODBYE saying the process exits was appended; appends go on. */
    private boolean exiting;
    private volatile boolean diskLow;
    private volatile long dropped;
    private long droppedReported;

    private QueueWriter(Path dir, SingleChronicleQueue queue, long minFreeBytes) {
        this.dir = dir;
        this.queue = queue;
        this.minFreeBytes = minFreeBytes;
        this.appender = queue.createAppender();
        this.appender.singleThreadedCheckDisabled(true);
        this.encoder = new RecordEncoder(queue.rollCycle());
    }

    /**
     * Creates this process's writer directory under {@code root} and announces the process
     * with a HELLO record; with {@code pretouch}, a {@link Pretoucher} thread takes the queue
     * file's page faults off the logging threads.
     */
    public static QueueWriter open(Path root, String process, RollCycle rollCycle,
                                   long minFreeBytes, boolean pretouch) throws IOException {
        SecureFiles.createDirectories(root);
        ProcessIdentity me = ProcessIdentity.current();
        Path dir;
        for (int generation = 0; ; generation++) {
            dir = root.resolve(WriterDirectory.name(me.pid(), me.startMillis(), generation));
            if (SecureFiles.createDirectory(dir)) {
                break;
            }
        }
        SingleChronicleQueue queue = Queues.forWriting(dir, rollCycle, new Restrict());
        QueueWriter writer = new QueueWriter(dir, queue, minFreeBytes);
        writer.hello(process, me);
        try (var files = Files.list(dir)) {
            files.forEach(f -> SecureFiles.restrict(f, SecureFiles.FILE));
        }
        if (pretouch) {
            writer.pretoucher = Pretoucher.start(writer.appender, () -> writer.diskLow || writer.closed);
        }
        return writer;
    }

    public Path directory() {
        return dir;
    }

    /** Pages the pretoucher has touched ahead of the logging threads (0 without one). */
    long pagesPretouched() {
        return pretoucher == null ? 0 : pretoucher.pagesTouched();
    }

    /** Records that could not be written since this writer opened. */
    public long dropped() {
        return dropped;
    }

    /**
     * Appends {@code record} as one LOG record and resets it: captures its arguments in the
     * calling thread ({@link MutableRecord#capture()}), then encodes it inside the document
     * under the lock. A record without a thread name gets the calling thread's. Never throws.
     *
     * <p>The record's timestamp is this writer's clock, taken last, or the time the record
     * carries ({@link MutableRecord#timestampNanos(long)}) moved into the range
     * [max(last timestamp, now - {@link #MAX_BACKDATE_NANOS}), now]. The drainer merges the
     * writer queues on the promise that each queue's timestamps never go back and that a
     * record becomes visible within its reorder window of its timestamp: a time before the
     * previous record's, or older than that window, would be written out of order; a future
     * time would hold this writer's later records (and its heartbeats) at that time. So a
     * live stream keeps the times its program gave (it arrives within milliseconds), and a
     * replayed or future time gives way to the time of arrival.
     *
     * @return false if the record was dropped (and counted)
     */
    public boolean append(MutableRecord record) {
        try {
            final ReentrantLock lock = this.lock;
            if (lock.isHeldByCurrentThread()) {
                // logged from inside an append (a JUL record of Chronicle's, say): never nest documents
                lock.lock();
                try {
                    dropped++;
                } finally {
                    lock.unlock();
                }
                return false;
            }
            record.capture();
            if (record.thread() == null) {
                record.thread(Thread.currentThread().getName());
            }
            return appendLocked(record);
        } finally {
            record.reset();
        }
    }

    private boolean appendLocked(MutableRecord record) {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            if (closed || diskLow) {
                dropped++;
                return false;
            }
            DocumentContext dc = appender.writingDocument();
            try {
                Bytes<?> bytes = dc.wire().bytes();
                encoder.header(bytes, RecordLayout.KIND_LOG, record.level().code());
                encoder.log(bytes, record, dc.index()); // the open document's index: a field read
                final long given = record.timestampNanos();
                encoder.timestamp(bytes, given == 0 ? nextTimestamp() : givenTimestamp(given));
            } catch (Throwable t) {
                dc.rollbackOnClose();
                throw t;
            } finally {
                dc.close();
            }
            return true;
        } catch (Throwable t) {
            encoder.forgetStrings(); // strings this record defined may not be in the queue
            dropped++;
            InternalLog.warnLimited("dropped a record in " + dir + ": " + InternalLog.describe(t));
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called every heartbeat interval: re-reads the wall clock, checks free disk space,
     * reports drops and appends a HEARTBEAT.
     */
    public void heartbeat() {
        clock.calibrate();
        diskLow = freeBytes() < minFreeBytes;
        lock.lock();
        try {
            if (closed || diskLow) {
                return;
            }
            reportDrops();
            marker(RecordLayout.KIND_HEARTBEAT, (byte) 0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends a GOODBYE that says the process is exiting ({@link RecordLayout#GOODBYE_EXITING})
     * and leaves the queue open: records appended after it (by other shutdown hooks) are still
     * written, and the drainer takes this writer as finished once its process is gone. A second
     * call, or one after {@link #close()}, does nothing.
     */
    public void exiting() {
        lock.lock();
        try {
            if (closed || exiting) {
                return;
            }
            exiting = true;
            if (!diskLow) {
                reportDrops();
                marker(RecordLayout.KIND_GOODBYE, RecordLayout.GOODBYE_EXITING);
            }
        } catch (Throwable t) {
            InternalLog.warn("saying goodbye in " + dir + ": " + InternalLog.describe(t));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends a final GOODBYE ({@link RecordLayout#GOODBYE_CLOSED}) and closes the queue; later
     * records are dropped and counted.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (!diskLow) {
                reportDrops();
                marker(RecordLayout.KIND_GOODBYE, RecordLayout.GOODBYE_CLOSED);
            }
            closed = true;
            if (pretoucher != null) {
                pretoucher.stop();
            }
            queue.close();
        } catch (Throwable t) {
            InternalLog.warn("closing " + dir + ": " + InternalLog.describe(t));
        } finally {
            lock.unlock();
        }
    }

    private long nextTimestamp() {
        long now = clock.epochNanos();
        if (now < lastTimestamp) {
            now = lastTimestamp;
        }
        lastTimestamp = now;
        return now;
    }

    /** Under the lock: the time a record carries, within what the merge allows ({@link #append}). */
    private long givenTimestamp(long given) {
        final long t = clamp(given, lastTimestamp, clock.epochNanos());
        lastTimestamp = t;
        return t;
    }

    /**
     * {@code given} moved into [max({@code last}, {@code now} - {@link #MAX_BACKDATE_NANOS}),
     * {@code now}]; {@code last} if {@code now} is behind it (the clock was set back).
     */
    static long clamp(long given, long last, long now) {
        final long floor = Math.max(last, now - MAX_BACKDATE_NANOS);
        return Math.max(floor, Math.min(given, now));
    }

    private void hello(String process, ProcessIdentity me) {
        lock.lock();
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            encoder.header(bytes, RecordLayout.KIND_HELLO, (byte) 0);
            encoder.hello(bytes, process, me.pid(), me.startMillis(), me.host(),
                    me.pidNamespace(), VERSION);
            encoder.timestamp(bytes, nextTimestamp());
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: a HEARTBEAT or GOODBYE with the drop count; {@code flags} in the level byte. */
    private void marker(byte kind, byte flags) {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            encoder.header(bytes, kind, flags);
            encoder.counter(bytes, dropped);
            encoder.timestamp(bytes, nextTimestamp());
        } catch (Throwable t) {
            InternalLog.warnLimited("cannot append a heartbeat in " + dir + ": "
                    + InternalLog.describe(t));
        }
    }

    /** Under the lock: one WARN record for drops not yet reported. */
    private void reportDrops() {
        long now = dropped;
        if (now == droppedReported) {
            return;
        }
        long lost = now - droppedReported;
        droppedReported = now;
        final MutableRecord report = dropReport;
        try {
            report.level(Level.WARN).thread(Thread.currentThread().getName()).logger(SELF_LOGGER)
                    .template("{} records were dropped (disk nearly full, writer closed or a write"
                            + " failed); {} dropped in total by this process")
                    .argument(lost).argument(now);
            appendLocked(report);
        } finally {
            report.reset();
        }
    }

    private long freeBytes() {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Keeps every queue file 0600 whatever the umask. */
    private static final class Restrict implements StoreFileListener {
        @Override
        public boolean isActive() {
            return true;
        }

        @Override
        public void onAcquired(int cycle, File file) {
            SecureFiles.restrict(file.toPath(), SecureFiles.FILE);
        }

        @Override
        public void onReleased(int cycle, File file) {
            // nothing to do: the drainer deletes drained cycles
        }
    }
}
