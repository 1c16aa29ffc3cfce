package io.applog.drain;

import io.applog.format.RecordFormat;
import io.applog.internal.InternalLog;
import io.applog.internal.SecureFiles;
import io.applog.record.RecordDecoder;
import io.applog.writer.WriterDirectory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The drainer: one per queue root. It finds writer queues as they appear, tails them all and
 * merges them into one logfile in timestamp order, checkpointing after every batch so that
 * each record is written exactly once across kill -9 and restart. A record is written once
 * every other live writer has shown a later timestamp (a record or a heartbeat), or once it
 * is older than the reorder window. The drainer exits after draining everything once no
 * writer has been alive for the timeout.
 *
 * <p>It is a work loop: {@link #doWork()} returns how many records it wrote, and
 * {@link #run()} idles briefly when that is zero.
 */
public final class Drainer implements AutoCloseable {
    private static final int BATCH = 8192;
    private static final long SCAN_NANOS = 100_000_000L;
    private static final long LIVENESS_NANOS = 200_000_000L;
    private static final long GIVE_UP_NANOS = 10_000_000_000L;

    private final DrainerOptions options;
    private final Path root;
    private final DrainerLock lock;
    private final Checkpoint checkpoint;
    private LogSink sink;
    private final RecordFormat format;
    private final RecordDecoder decoder = new RecordDecoder();
    private final StringBuilder line = new StringBuilder(512);
    private final List<WriterSource> sources = new ArrayList<>();
    private final Set<String> ignored = new HashSet<>();
    private final long timeoutNanos;
    private final long reorderNanos;
    private long nextScan;
    private long nextLiveness;
    private long lastAlive;
    private long written;
    private volatile boolean stopRequested;

    private Drainer(DrainerOptions options, DrainerLock lock) throws IOException {
        this.options = options;
        this.root = options.queue();
        this.lock = lock;
        this.format = RecordFormat.of(options.format(), ZoneId.systemDefault());
        this.timeoutNanos = options.timeoutSeconds() * 1_000_000_000L;
        this.reorderNanos = options.reorderMillis() * 1_000_000L;
        this.checkpoint = new Checkpoint(root);
        this.sink = resume();
        removeLeftovers();
        checkpoint.retainExisting(root);
        this.lastAlive = System.nanoTime();
    }

    /**
     * Takes the queue root's lock and prepares to drain it, resuming from the checkpoint.
     *
     * @throws DrainerLock.BusyException if another drainer holds the queue
     * @throws IOException               if the queue root or logfile cannot be used
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

    /** Asks {@link #run()} to drain what is there and return. */
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
            java.util.concurrent.locks.LockSupport.parkNanos(idleCount < 200 ? 100_000L : 1_000_000L);
        }
    }

    /** One pass: find writers, write every record that may be written, checkpoint. */
    public int doWork() throws IOException {
        long now = System.nanoTime();
        if (now >= nextScan) {
            scan();
            nextScan = now + SCAN_NANOS;
        }
        if (now >= nextLiveness) {
            checkLiveness(now);
            nextLiveness = now + LIVENESS_NANOS;
        }
        int n = merge(currentEpochNanos() - reorderNanos);
        if (n > 0) {
            save();
        }
        retire();
        return n;
    }

    private static long currentEpochNanos() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    /**
     * Writes records in timestamp order while the oldest head may be written: it is older
     * than {@code releaseBefore}, or every writer without a head has a later watermark.
     */
    private int merge(long releaseBefore) throws IOException {
        final List<WriterSource> all = sources;
        final int size = all.size();
        for (int i = 0; i < size; i++) {
            all.get(i).fill(decoder);
        }
        int n = 0;
        while (n < BATCH) {
            WriterSource min = null;
            for (int i = 0; i < size; i++) {
                WriterSource s = all.get(i);
                if (s.hasHead && (min == null || s.head.timestampNanos < min.head.timestampNanos)) {
                    min = s;
                }
            }
            if (min == null) {
                break;
            }
            long t = min.head.timestampNanos;
            if (t >= releaseBefore && !othersPassed(min, t)) {
                break;
            }
            line.setLength(0);
            format.format(min.head, line);
            sink.append(line);
            min.consumeHead();
            min.fill(decoder);
            n++;
        }
        written += n;
        return n;
    }

    /** True if every other unfinished writer without a head has shown a timestamp after t. */
    private boolean othersPassed(WriterSource min, long t) {
        for (int i = 0, size = sources.size(); i < size; i++) {
            WriterSource s = sources.get(i);
            if (s != min && !s.hasHead && !s.finished && !s.goodbye && s.watermarkNanos < t) {
                return false;
            }
        }
        return true;
    }

    /** Writes everything readable now, whatever the window (at exit). */
    private void drainRemaining() throws IOException {
        while (merge(Long.MAX_VALUE) > 0) {
            save();
        }
        save();
    }

    private void save() throws IOException {
        sink.flush();
        for (int i = 0, size = sources.size(); i < size; i++) {
            WriterSource s = sources.get(i);
            if (s.hello != null && s.lastEmittedIndex != s.lastSavedIndex) {
                checkpoint.position(s.name, s.lastEmittedIndex, s.hello);
            }
        }
        checkpoint.logfile(checkpoint.logfile(), sink.length());
        checkpoint.save();
        for (int i = 0, size = sources.size(); i < size; i++) {
            sources.get(i).saved();
        }
    }

    /** Looks for new writer directories. */
    private void scan() {
        Set<String> known = new HashSet<>();
        for (WriterSource s : sources) {
            known.add(s.name);
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path p : dirs) {
                String name = p.getFileName().toString();
                if (known.contains(name) || ignored.contains(name) || isOwnFile(name)) {
                    continue;
                }
                consider(p, name);
            }
        } catch (IOException e) {
            InternalLog.warnLimited("cannot list " + root + ": " + InternalLog.describe(e));
        }
    }

    private static boolean isOwnFile(String name) {
        return name.equals(DrainerLock.FILE) || name.startsWith(Checkpoint.FILE)
                || name.endsWith(".deleting");
    }

    private void consider(Path p, String name) {
        WriterDirectory id = WriterDirectory.parse(p);
        if (id == null || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            ignored.add(name);
            InternalLog.warn("skipping " + p + ": not a writer queue directory");
            return;
        }
        if (!WriterSource.ready(p)) {
            long age = System.currentTimeMillis() - lastModified(p);
            if (age * 1_000_000L > GIVE_UP_NANOS) {
                ignored.add(name);
                InternalLog.warn("skipping " + p + ": no queue in it");
            }
            return;
        }
        Checkpoint.Position pos = checkpoint.position(name);
        try {
            WriterSource s = WriterSource.open(p, pos == null ? -1 : pos.lastIndex(),
                    pos == null ? null : pos.hello());
            sources.add(s);
            lastAlive = System.nanoTime();
        } catch (RuntimeException e) {
            ignored.add(name);
            InternalLog.warn("skipping " + p + ": " + InternalLog.describe(e));
        }
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private void checkLiveness(long now) {
        for (WriterSource s : sources) {
            if (s.finished) {
                continue;
            }
            if (s.processAlive(now, timeoutNanos == 0 ? Long.MAX_VALUE : timeoutNanos)) {
                lastAlive = now;
            } else if (!s.dead) {
                s.dead = true;
                // the process is gone: what its queue holds now is all there will be
                s.fill(decoder);
            }
        }
    }

    /** Removes writers that are done and whose every record is written and checkpointed. */
    private void retire() throws IOException {
        boolean removed = false;
        for (int i = sources.size() - 1; i >= 0; i--) {
            WriterSource s = sources.get(i);
            if ((s.goodbye || s.dead) && !s.hasHead && !s.fill(decoder)
                    && s.lastEmittedIndex == s.lastSavedIndex) {
                s.finished = true;
                sources.remove(i);
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
        if (timeoutNanos == 0) {
            return false;
        }
        for (WriterSource s : sources) {
            if (!s.finished && !s.goodbye && !s.dead) {
                return false;
            }
        }
        return System.nanoTime() - lastAlive >= timeoutNanos;
    }

    /**
     * After a failed write (a full disk, say): forget everything since the last checkpoint,
     * wait a second, and resume from the checkpoint as a restarted drainer would.
     */
    private void recover(IOException cause) throws IOException {
        InternalLog.warnLimited("cannot write " + options.logfile() + " (" + InternalLog.describe(cause)
                + "); resuming from the last checkpoint");
        for (WriterSource s : sources) {
            s.close();
        }
        sources.clear();
        ignored.clear();
        try {
            sink.abandon();
        } catch (IOException e) {
            // the file is reopened and cut back to the checkpoint below
        }
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while recovering");
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
            for (WriterSource s : sources) {
                s.close();
            }
            sources.clear();
            sink.close();
        } finally {
            lock.close();
        }
    }
}
