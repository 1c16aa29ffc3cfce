package io.applog.drain;

import io.applog.format.RecordFormat;
import io.applog.internal.InternalLog;
import io.applog.internal.SecureFiles;
import io.applog.record.DecodedRecord;
import io.applog.record.RecordDecoder;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The drainer: one per queue root. It merges every writer queue ({@link WriterSet}) into one
 * logfile in timestamp order, checkpointing after every batch so that each record is written
 * exactly once across kill -9 and restart, deletes what is drained, and exits after draining
 * everything once no writer has been alive for the timeout.
 *
 * <p>It is a work loop: {@link #doWork()} returns how many records it wrote, and
 * {@link #run()} idles (spin, yield, then park up to 1 ms) while that is zero.
 */
public final class Drainer implements AutoCloseable {
    private static final int BATCH = 8192;
    private static final long SCAN_NANOS = 100_000_000L;
    private static final long LIVENESS_NANOS = 200_000_000L;

    private final DrainerOptions options;
    private final Path root;
    private final DrainerLock lock;
    private final Checkpoint checkpoint;
    private final RecordFormat format;
    private final WriterSet writers;
    private final long timeoutNanos;
    private final long reorderNanos;
    private final Rotation rotation;
    private final ZoneId zone = ZoneId.systemDefault();
    private LogSink sink;
    private long filePeriod;
    private long nextScan;
    private long nextLiveness;
    private long lastAlive;
    private long written;
    private volatile boolean stopRequested;

    private Drainer(DrainerOptions options, DrainerLock lock) throws IOException {
        this.options = options;
        this.root = options.queue();
        this.lock = lock;
        this.format = RecordFormat.of(options.format(), options.pattern(), zone);
        this.rotation = options.rotation();
        this.timeoutNanos = options.timeoutSeconds() * 1_000_000_000L;
        this.reorderNanos = options.reorderMillis() * 1_000_000L;
        this.checkpoint = new Checkpoint(root);
        this.writers = new WriterSet(root, checkpoint::position, false,
                new RecordDecoder(format.writesPlainBytes(), format.showsContext()));
        this.sink = resume();
        removeLeftovers();
        checkpoint.retainExisting(root);
        this.lastAlive = System.nanoTime();
    }

    /**
     * Takes the queue root's lock and prepares to drain it, resuming from the checkpoint.
     *
     * @throws IOException if another drainer holds the queue ({@link #isBusy}), or the queue
     *                     root or logfile cannot be used
     */
    public static Drainer open(DrainerOptions options) throws IOException {
        Path root = options.queue();
        if (Files.isSymbolicLink(root)) {
            throw new IOException("queue " + root + " is a symbolic link");
        }
        SecureFiles.createDirectories(root);
        DrainerLock lock = DrainerLock.acquire(root);
        try {
            return new Drainer(options, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** True if {@code e} says another drainer holds the queue. */
    public static boolean isBusy(IOException e) {
        return e instanceof DrainerLock.BusyException;
    }

    /** Records written to the logfile by this drainer. */
    public long written() {
        return written;
    }

    /** Asks {@link #run()} to write what is there and return. */
    public void stop() {
        stopRequested = true;
    }

    /** Drains until the heartbeat stops (or {@link #stop()}), then saves and returns. */
    public void run() throws IOException {
        int idle = 0;
        while (true) {
            int work;
            try {
                work = doWork();
            } catch (IOException e) {
                if (stopRequested) {
                    throw e;
                }
                try {
                    recover(e);
                } catch (IOException again) {
                    // still failing: the next pass fails fast and recovers again a second later
                }
                continue;
            }
            if (work > 0) {
                idle = 0;
                continue;
            }
            if (stopRequested || shouldExit()) {
                drainRemaining();
                return;
            }
            idle(++idle);
        }
    }

    private static void idle(int idleCount) {
        if (idleCount < 50) {
            Thread.onSpinWait();
        } else if (idleCount < 100) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(idleCount < 200 ? 100_000L : 1_000_000L);
        }
    }

    /** One pass: find writers, write every record that may be written, checkpoint. */
    public int doWork() throws IOException {
        long now = System.nanoTime();
        if ((now >= nextScan ? writers.scan() : writers.refresh()) > 0) {
            lastAlive = now;
        }
        if (now >= nextScan) {
            nextScan = now + SCAN_NANOS;
            maybeRotate();
        }
        if (now >= nextLiveness) {
            if (writers.checkLiveness(now, timeoutNanos == 0 ? Long.MAX_VALUE : timeoutNanos)) {
                lastAlive = now;
            }
            nextLiveness = now + LIVENESS_NANOS;
        }
        int n = merge(System.currentTimeMillis() * 1_000_000L - reorderNanos);
        if (n > 0) {
            save();
            maybeRotate();
        }
        retire();
        return n;
    }

    /** Writes up to a batch of records in timestamp order, as far as they may go. */
    private int merge(long releaseBefore) throws IOException {
        final WriterSet set = writers;
        set.fill();
        final long sizeLimit = rotation.sizeLimit();
        int n = 0;
        WriterSource next;
        final boolean bySize = sizeLimit != Long.MAX_VALUE;
        while (n < BATCH && (!bySize || sink.length() < sizeLimit) && (next = set.next(releaseBefore)) != null) {
            final DecodedRecord event = next.head();
            final int bytes = format.maxBytes(event);
            final byte[] out = bytes >= 0 ? sink.reserve(bytes) : null;
            if (out != null) {
                sink.advance(format.formatBytes(event, out, sink.position()));
            } else {
                final StringBuilder text = sink.text();
                final int mark = text.length();
                try {
                    format.format(event, text);
                } catch (RuntimeException e) {
                    text.setLength(mark); // never half a line in the file
                    throw e;
                }
                sink.lineDone();
            }
            next.consumeHead();
            set.fill(next);
            n++;
        }
        written += n;
        return n;
    }

    /** Writes everything readable now, whatever the window (at exit). */
    private void drainRemaining() throws IOException {
        while (merge(Long.MAX_VALUE) > 0) {
            save();
            maybeRotate();
        }
        save();
    }

    /**
     * Rotates the logfile when it is due. Called only when the file is flushed and
     * checkpointed; the new, empty file is checkpointed before anything is written to it.
     */
    private void maybeRotate() throws IOException {
        if (!rotation.enabled()) {
            return;
        }
        long nowPeriod = rotation.periodOf(Instant.now(), zone);
        if (!rotation.due(sink.length(), filePeriod, nowPeriod)) {
            return;
        }
        sink.close();
        rotation.rotate(options.logfile());
        sink = LogSink.open(options.logfile(), 0, options.echoStdout());
        checkpoint.logfile(checkpoint.logfile(), 0);
        checkpoint.save();
        filePeriod = nowPeriod;
        rotation.compressNewest(options.logfile());
    }

    /** Flushes the logfile, then saves its length with every writer's position. */
    private void save() throws IOException {
        sink.flush();
        List<WriterSource> all = writers.sources();
        for (int i = 0, size = all.size(); i < size; i++) {
            WriterSource s = all.get(i);
            if (s.hello != null && s.lastEmittedIndex != s.lastSavedIndex) {
                checkpoint.position(s.name, s.lastEmittedIndex, s.hello);
            }
        }
        checkpoint.logfile(checkpoint.logfile(), sink.length());
        checkpoint.save();
        for (int i = 0, size = all.size(); i < size; i++) {
            all.get(i).saved();
        }
    }

    /** Removes writers that are done and whose every record is written and checkpointed. */
    private void retire() throws IOException {
        List<WriterSource> all = writers.sources();
        boolean removed = false;
        for (int i = all.size() - 1; i >= 0; i--) {
            WriterSource s = all.get(i);
            if (writers.exhausted(s) && s.lastEmittedIndex == s.lastSavedIndex) {
                // it was alive at least until its last record (its GOODBYE) was read
                lastAlive = Math.max(lastAlive, s.lastReadNanos);
                writers.remove(s);
                s.delete();
                checkpoint.remove(s.name);
                removed = true;
            }
        }
        if (removed) {
            checkpoint.save();
        }
    }

    private boolean shouldExit() {
        return timeoutNanos != 0 && writers.allDone() && System.nanoTime() - lastAlive >= timeoutNanos;
    }

    /**
     * After a failed write (a full disk, say): forget everything since the last checkpoint,
     * wait a second, and resume from the checkpoint as a restarted drainer would.
     */
    private void recover(IOException cause) throws IOException {
        InternalLog.warnLimited("cannot write " + options.logfile() + " (" + InternalLog.describe(cause)
                + "); resuming from the last checkpoint");
        writers.close();
        try {
            sink.abandon();
        } catch (IOException e) {
            // the file is reopened and cut back to the checkpoint below
        }
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while recovering");
        }
        sink = resume();
        nextScan = 0;
    }

    /**
     * Loads the checkpoint and opens the logfile cut back to the checkpoint's length (a
     * different logfile than the checkpoint's is appended to as it is).
     */
    private LogSink resume() throws IOException {
        checkpoint.load();
        String logfile = options.logfile().toAbsolutePath().toString();
        boolean sameFile = logfile.equals(checkpoint.logfile());
        LogSink opened = LogSink.open(options.logfile(), sameFile ? checkpoint.logfileLength() : -1,
                options.echoStdout());
        if (!sameFile) {
            checkpoint.logfile(logfile, opened.length());
            checkpoint.save();
        }
        Instant begun = opened.length() == 0 ? Instant.now()
                : Files.getLastModifiedTime(options.logfile(), LinkOption.NOFOLLOW_LINKS).toInstant();
        filePeriod = rotation.periodOf(begun, zone);
        return opened;
    }

    /** Removes directories a previous drainer had started to delete. */
    private void removeLeftovers() {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "*.deleting")) {
            for (Path p : dirs) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    SecureFiles.deleteTree(p);
                }
            }
        } catch (IOException e) {
            InternalLog.warnLimited("cannot list " + root + ": " + InternalLog.describe(e));
        }
    }

    @Override
    public void close() throws IOException {
        try {
            writers.close();
            sink.close();
        } finally {
            lock.close();
        }
    }
}
