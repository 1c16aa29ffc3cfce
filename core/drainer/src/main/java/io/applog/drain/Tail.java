package io.applog.drain;

import io.applog.record.DecodedRecord;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The tail loop shared by {@code applog drain} and {@code applog cat -f}: find the writer
 * queues of a queue dir as they appear ({@link #findWriters}), read ahead in each and hand
 * their records on in timestamp order ({@link #handOn}), and idle between passes that found
 * nothing ({@link #run}). What a pass does around that (checkpoints, filters) is the caller's.
 */
public final class Tail implements AutoCloseable {
    /** How often a reader such as {@code cat} lists the queue dir. */
    private static final long READER_SCAN_NANOS = 200_000_000L;
    private static final int SPINS = 2;
    private static final int YIELDS = 2;
    private static final long SHORT_PARK_NANOS = 100_000L;
    /** Idle passes in a row after which the parks are as long as the caller allows. */
    private static final int SHORT_PARKS = 200;

    /** What records are handed to, oldest first. */
    public interface Handler {
        /** Takes the next record, read from {@code from}; the record is valid only during this call. */
        void handle(WriterSource from, DecodedRecord record) throws IOException;

        /** True to end the batch before the next record. */
        default boolean batchFull() throws IOException {
            return false;
        }
    }

    /** One pass of a work loop. */
    public interface Pass {
        /** Does one pass; returns how much it did (0: nothing, the loop may end or idle). */
        int doWork() throws IOException;
    }

    private final WriterSet writers;
    private final long scanNanos;
    private long lastScan;
    private boolean scanDue = true;

    /**
     * @param writers   the writer queues followed
     * @param scanNanos how often the queue dir is listed; in between only its modification
     *                  time is checked ({@link WriterSet#refresh()})
     */
    Tail(WriterSet writers, long scanNanos) {
        this.writers = writers;
        this.scanNanos = scanNanos;
    }

    /** A tail that reads every writer queue from its start and changes nothing ({@code cat}). */
    public static Tail reader(Path queueDir) {
        return new Tail(WriterSet.reader(queueDir), READER_SCAN_NANOS);
    }

    /** The writer queues followed. */
    WriterSet writers() {
        return writers;
    }

    /** Looks for new writer queues; returns how many were added. */
    public int findWriters(long nowNanos) {
        if (scanDue || nowNanos - lastScan >= scanNanos) {
            scanDue = false;
            lastScan = nowNanos;
            return writers.scan();
        }
        return writers.refresh();
    }

    /** Makes the next {@link #findWriters} list the queue dir (after the writers were closed). */
    void scanNext() {
        scanDue = true;
    }

    /**
     * Reads ahead in every writer queue, then hands on up to {@code max} records in timestamp
     * order, as far as they may go ({@link WriterSet#next}: older than {@code releaseBefore},
     * epoch nanos, or no other writer can still have an older one; everything readable for
     * {@code Long.MAX_VALUE}). A record whose handling throws is not passed: it comes again.
     *
     * @return how many records were handed on
     */
    public int handOn(long releaseBefore, int max, Handler handler) throws IOException {
        final WriterSet set = writers;
        set.fill();
        int n = 0;
        WriterSource next;
        while (n < max && !handler.batchFull() && (next = set.next(releaseBefore)) != null) {
            handler.handle(next, next.head());
            next.advance();
            set.fill(next);
            n++;
        }
        return n;
    }

    /**
     * Runs passes until one does nothing and {@code done} says so; after a pass that did
     * nothing it spins, then yields, then parks up to {@code maxParkNanos}. An interrupt of
     * the thread ends it with {@link InterruptedIOException} (the interrupt status kept).
     */
    public static void run(Pass pass, BooleanSupplier done, long maxParkNanos) throws IOException {
        int idle = 0;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted");
            }
            if (pass.doWork() > 0) {
                idle = 0;
            } else if (done.getAsBoolean()) {
                return;
            } else {
                idle(++idle, maxParkNanos);
            }
        }
    }

    /**
     * Idles after the {@code idleCount}-th pass in a row that found nothing: two spins, two
     * yields, then parks of 100 us (about 30 ms of them), then of {@code maxParkNanos}. It
     * parks early because it shares the machine with the processes it drains: spinning longer
     * kept a core from them, and on 2 cores the append-to-line p99 at 10 k msg/s was about
     * 12 ms with 50 spins and 50 yields against about 7 ms with two of each (median of three
     * interleaved runs each), for 0.1 ms more at p50.
     */
    private static void idle(int idleCount, long maxParkNanos) {
        if (idleCount <= SPINS) {
            Thread.onSpinWait();
        } else if (idleCount <= SPINS + YIELDS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(idleCount < SHORT_PARKS ? Math.min(SHORT_PARK_NANOS, maxParkNanos) : maxParkNanos);
        }
    }

    @Override
    public void close() {
        writers.close();
    }
}
