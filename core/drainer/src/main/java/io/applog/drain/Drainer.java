package io.applog.drain;

import io.applog.internal.InternalLog;
import io.applog.internal.SecureFiles;
import io.applog.record.DecodedRecord;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The drainer: one per queue dir. It merges every writer queue ({@link Tail}) into one
 * {@link Sink} (the logfile) in timestamp order, checkpointing after every batch so that each
 * record is written exactly once across kill -9 and restart, deletes what is written, and
 * exits after writing everything once no writer has been alive for the timeout.
 *
 * <p>Exactly-once is this loop's: write a batch to the sink, flush it, save the sink's
 * position with every writer queue's position in one atomic checkpoint, and only then let the
 * sink do its upkeep (rotation); on start, and after a failed write, the sink is restored to
 * the checkpointed position and every writer queue resumes after its checkpointed index.
 * Every batch is flushed at once (its lines are in the file); the checkpoint is saved after a
 * full batch, when the sink needs one, and otherwise once {@link #SAVE_NANOS} have passed: a
 * record or two per pass at a moderate rate would else cost a checkpoint file each.
 *
 * <p>It is a work loop: {@link #doWork()} returns how many records it wrote, and
 * {@link #run()} idles (spin, yield, then park up to 1 ms) while that is zero.
 */
public final class Drainer implements AutoCloseable {
    private static final int BATCH = 8192;
    private static final long SCAN_NANOS = 100_000_000L;
    private static final long LIVENESS_NANOS = 200_000_000L;
    private static final long MAX_PARK_NANOS = 1_000_000L;
    /**
     * How long records flushed to the sink wait at least before a checkpoint is due while batches
     * are small (the collector keeps the same rule).
     */
    public static final long SAVE_NANOS = 10_000_000L;
    /** After a failed write: wait this long before resuming from the checkpoint, doubling to {@link #MAX_BACKOFF_MILLIS}. */
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final Path root;
    /** Releases the queue dir's lock (shared by the drainers of a {@link DrainerGroup}). */
    private final Closeable lock;
    private final Cursors cursors;
    /** This drainer's number among {@link #cursors}. */
    private final int cursor;
    private final Checkpoint checkpoint;
    private final Sink sink;
    private final Tail.Handler toSink;
    private final WriterSet writers;
    private final Tail tail;
    private final long timeoutNanos;
    private final long reorderNanos;
    private long nextLiveness = System.nanoTime();
    private long lastAlive;
    private long written;
    /** nanoTime of the last checkpoint. */
    private long lastSave = System.nanoTime();
    /** Records were flushed to the sink since the last checkpoint. */
    private boolean unsaved;
    /** Unreadable records of the writer queues retired so far (damaged files). */
    private long unreadableRetired;
    /** Where damaged writer queues were set aside. */
    private final List<Path> keptDamaged = new ArrayList<>();
    private volatile boolean stopRequested;
    /** How long the next recovery waits; back to the first wait after each checkpoint. */
    private long backoffMillis = FIRST_BACKOFF_MILLIS;

    /**
     * A drainer of the queue dir whose lock {@code lock} releases, into {@code sink}, number
     * {@code cursor} among {@code cursors} (number 0 keeps the lone drainer's checkpoint file).
     */
    Drainer(DrainerOptions options, Closeable lock, Sink sink, Cursors cursors, int cursor)
            throws IOException {
        this.root = options.queue();
        this.lock = lock;
        this.cursors = cursors;
        this.cursor = cursor;
        this.sink = sink;
        this.toSink = new ToSink(sink);
        this.timeoutNanos = options.timeoutSeconds() * 1_000_000_000L;
        this.reorderNanos = options.reorderMillis() * 1_000_000L;
        this.checkpoint = new Checkpoint(root, cursor == 0 ? Checkpoint.FILE : Checkpoint.fileOf(sink.kind()));
        this.writers = new WriterSet(root, checkpoint::position, false, sink.decoder());
        this.tail = new Tail(writers, SCAN_NANOS);
        resume();
        removeLeftovers();
        checkpoint.retainExisting(root);
        this.lastAlive = System.nanoTime();
    }

    /**
     * Takes the queue dir's lock and prepares to drain it into the sink the options ask for
     * ({@link Sinks}), resuming from the checkpoint.
     *
     * @throws IOException if another drainer holds the queue dir ({@link #isBusy}), or the
     *                     queue dir or the sink cannot be used
     */
    public static Drainer open(DrainerOptions options) throws IOException {
        return open(options, Sinks.create(options));
    }

    /**
     * Like {@link #open(DrainerOptions)}, into {@code sink} (a sink of another module, such as a
     * topic); the drainer restores it, writes it and closes it.
     */
    public static Drainer open(DrainerOptions options, Sink sink) throws IOException {
        try {
            Path root = lockable(options.queue());
            DrainerLock lock = DrainerLock.acquire(root);
            try {
                return new Drainer(options, lock, sink, Cursors.alone(), 0);
            } catch (IOException | RuntimeException e) {
                lock.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            release(sink, e);
            throw e;
        }
    }

    /** The queue dir {@code root}, made if missing, ready to be locked; a symbolic link is refused. */
    static Path lockable(Path root) throws IOException {
        if (Files.isSymbolicLink(root)) {
            throw new IOException("queue dir " + root + " is a symbolic link");
        }
        SecureFiles.createDirectories(root);
        return root;
    }

    /** Lets go of a sink the drainer could not start with; a failure to is noted on {@code failure}. */
    static void release(Sink sink, Exception failure) {
        try {
            sink.abandon();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** True if {@code e} says another drainer holds the queue dir. */
    public static boolean isBusy(IOException e) {
        return e instanceof DrainerLock.BusyException;
    }

    /** Records written to the sink by this drainer. */
    public long written() {
        return written;
    }

    /**
     * Records that could not be read from damaged queue files (counted, reported one line per
     * damaged place, never written), of the writer queues read by this drainer.
     */
    public long unreadable() {
        long n = unreadableRetired;
        List<WriterSource> all = writers.sources();
        for (int i = 0, size = all.size(); i < size; i++) {
            n += all.get(i).unreadable();
        }
        return n;
    }

    /** Where this drainer set damaged writer queues aside ({@code <writer dir>.damaged}). */
    public List<Path> keptDamaged() {
        return List.copyOf(keptDamaged);
    }

    /** Asks {@link #run()} to write what is there and return. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Drains until the heartbeat stops (or {@link #stop()}), then writes what is left, saves and
     * returns. An interrupt of the running thread stops it at once, without writing more (the
     * logfile's channel is closed by the interrupt): it checkpoints what it has flushed, throws
     * {@link InterruptedIOException}, the thread's interrupt status kept, and the next drainer
     * resumes from the checkpoint.
     */
    public void run() throws IOException {
        try {
            Tail.run(this::passOrRecover, this::finishing, MAX_PARK_NANOS);
        } catch (InterruptedIOException e) {
            keepWritten();
            throw e;
        }
        writeRemaining();
    }

    /**
     * On an interrupt: checkpoints what the last batches flushed, so that the next drainer does
     * not write it again (it would truncate and rewrite it: exactly once either way). Only when
     * the sink's last write succeeded; the interrupt status is cleared for the save (a channel
     * opened while it is set closes at once) and kept afterwards.
     */
    private void keepWritten() {
        if (!unsaved) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            save();
        } catch (IOException e) {
            // the next drainer resumes from the previous checkpoint
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * One pass of {@link #run()}; after a failed write (unless stopping) it recovers, which
     * counts as work: the loop goes on without idling or exiting.
     */
    private int passOrRecover() throws IOException {
        try {
            return doWork();
        } catch (IOException e) {
            if (stopRequested) {
                throw e;
            }
            if (Thread.currentThread().isInterrupted()) { // e is ClosedByInterruptException, say
                throw interrupted(e);
            }
            try {
                recover(e);
            } catch (InterruptedIOException stop) {
                throw stop;
            } catch (IOException again) {
                // still failing: the next pass fails fast and recovers again after the next wait
            }
            return 1;
        }
    }

    private static InterruptedIOException interrupted(IOException cause) {
        InterruptedIOException e = new InterruptedIOException("interrupted");
        e.initCause(cause);
        return e;
    }

    /** One pass: find writers, write every record that may be written, checkpoint. */
    public int doWork() throws IOException {
        long now = System.nanoTime();
        if (tail.findWriters(now) > 0) {
            lastAlive = now;
        }
        if (now - nextLiveness >= 0) {
            if (writers.checkLiveness(now, timeoutNanos == 0 ? Long.MAX_VALUE : timeoutNanos)) {
                lastAlive = now;
            }
            nextLiveness = now + LIVENESS_NANOS;
            sink.watermarks(writers.sources(), writers.scannedFromNanos());
            if (unsaved) {
                save();
            }
            afterCheckpoint(); // everything written is checkpointed: a due rotation happens while idle
        }
        int n = writeBatch(System.currentTimeMillis() * 1_000_000L - reorderNanos);
        if (unsaved && (n == BATCH || now - lastSave >= SAVE_NANOS || sink.needsCheckpoint())) {
            save();
            afterCheckpoint();
        }
        retire();
        return n;
    }

    /** Writes up to a batch of records in timestamp order, as far as they may go, and flushes them. */
    private int writeBatch(long releaseBefore) throws IOException {
        int n;
        try {
            n = tail.handOn(releaseBefore, BATCH, toSink);
            if (n > 0) {
                written += n;
                sink.watermarks(writers.sources(), writers.scannedFromNanos());
                sink.flush();
                unsaved = true;
            }
        } catch (IOException e) {
            unsaved = false; // what the sink holds is uncertain: only the checkpoint counts now
            throw e;
        }
        return n;
    }

    /** Writes everything readable now, whatever the window (at exit). */
    private void writeRemaining() throws IOException {
        while (writeBatch(Long.MAX_VALUE) > 0) {
            save();
            afterCheckpoint();
        }
        boolean wrote = unsaved; // the last batches of the loop, not checkpointed yet
        save();
        if (wrote) {
            afterCheckpoint(); // as after every checkpoint of written records
        }
        retire(); // a writer whose last records waited for the end is written now
    }

    /** Saves the sink's position (all written is flushed) with every writer queue's position. */
    private void save() throws IOException {
        List<WriterSource> all = writers.sources();
        for (int i = 0, size = all.size(); i < size; i++) {
            WriterSource s = all.get(i);
            if (s.hello() != null && s.unsaved()) {
                checkpoint.position(s.name(), s.lastWrittenIndex(), s.hello());
            }
        }
        checkpoint.sink(sink.kind(), sink.position());
        checkpoint.save();
        lastSave = System.nanoTime();
        unsaved = false;
        for (int i = 0, size = all.size(); i < size; i++) {
            WriterSource s = all.get(i);
            s.saved(cursors.savedByAll(cursor, s.name(), s.lastWrittenIndex()));
        }
        backoffMillis = FIRST_BACKOFF_MILLIS;
    }

    /**
     * Lets the sink do what may only follow a checkpoint (rotate); a position it moved (a new,
     * empty file) is checkpointed before anything is written there.
     */
    private void afterCheckpoint() throws IOException {
        if (sink.afterCheckpoint()) {
            checkpoint.sink(sink.kind(), sink.position());
            checkpoint.save();
        }
    }

    /**
     * Once every drainer of its {@link DrainerGroup} has returned: removes from this one's
     * checkpoint the writers another drainer deleted after this one had written them.
     */
    void retireGone() throws IOException {
        retire();
    }

    /** Removes writers that have ended and whose every record is written and checkpointed. */
    private void retire() throws IOException {
        List<WriterSource> all = writers.sources();
        boolean removed = false;
        for (int i = all.size() - 1; i >= 0; i--) {
            WriterSource s = all.get(i);
            if (writers.readToEnd(s) && !s.unsaved()) {
                Cursors.Finish finish = cursors.finish(cursor, s.name());
                if (finish == Cursors.Finish.WAIT) {
                    continue; // another drainer of the queue dir still reads it
                }
                // it was alive at least until its last record (its GOODBYE) was read
                lastAlive = Math.max(lastAlive, s.lastReadNanos());
                writers.remove(s);
                unreadableRetired += s.unreadable();
                if (finish == Cursors.Finish.DELETE) {
                    Path kept = s.delete();
                    if (kept != null) {
                        keptDamaged.add(kept);
                    }
                    cursors.deleted(s.name());
                }
                checkpoint.remove(s.name());
                removed = true;
            }
        }
        if (removed) {
            checkpoint.save();
        }
    }

    /** True once asked to stop, or once no writer has been live for the timeout. */
    private boolean finishing() {
        return stopRequested
                || timeoutNanos != 0 && writers.noneLive() && System.nanoTime() - lastAlive >= timeoutNanos;
    }

    /**
     * After a failed write (a full disk, an unreachable broker): forget everything since the
     * last checkpoint, wait (100 ms, doubling at each failure in a row up to 5 s), and resume
     * from the checkpoint as a restarted drainer would. A sink that notes its own failures
     * ({@link Sink#notesFailures()}) says what happened; otherwise the drainer does, at most
     * every 10 s.
     */
    private void recover(IOException cause) throws IOException {
        if (!sink.notesFailures()) {
            InternalLog.warnLimited("cannot write " + sink.describe() + " (" + InternalLog.describe(cause)
                    + "); resuming from the last checkpoint");
        }
        writers.close();
        try {
            sink.abandon();
        } catch (IOException e) {
            // the sink is restored to the checkpoint below
        }
        try {
            Thread.sleep(backoffMillis);
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while recovering");
        }
        resume();
        tail.scanNext();
    }

    /**
     * Loads the checkpoint and restores the sink to its saved position; a position the sink
     * did not take as it was (another logfile, which is appended to as it is) is saved.
     */
    private void resume() throws IOException {
        checkpoint.load();
        String saved = checkpoint.sinkPosition(sink.kind());
        sink.restore(saved);
        String now = sink.position();
        if (!now.equals(saved)) {
            checkpoint.sink(sink.kind(), now);
            checkpoint.save();
        }
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
            unreadableRetired = unreadable(); // what the writer queues still read counted too
            writers.close();
            sink.close();
        } finally {
            lock.close();
        }
    }

    /** Hands the tail's records to the sink, ending a batch when the sink wants a checkpoint. */
    private static final class ToSink implements Tail.Handler {
        private final Sink sink;

        ToSink(Sink sink) {
            this.sink = sink;
        }

        @Override
        public void handle(WriterSource from, DecodedRecord record) throws IOException {
            sink.write(from, record);
        }

        @Override
        public boolean batchFull() throws IOException {
            return sink.needsCheckpoint();
        }
    }
}
