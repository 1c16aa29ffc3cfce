package io.applog.drain;

import io.applog.internal.Queues;
import io.applog.record.RecordLayout;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.text.ParseException;

/**
 * Damage in one writer queue (bit rot, a torn page, a bad disk) and the way past it: which
 * records could not be read, and where reading goes on.
 *
 * <p>Past a damaged record the reader goes on at the next record Chronicle's index can reach
 * ({@link ExcerptTailer#moveToIndex}: the index holds the position of every
 * {@code indexSpacing}-th record, and a record in between is found by reading the headers from
 * there, so a damaged header makes the records up to the next indexed one unreachable; a
 * damaged body costs that record only). A header that reads as zero looks like the end of the
 * queue: where the tailer finds nothing, the cycle file's own count of its records
 * ({@link ExcerptTailer#excerptsInCycle}, from the write position in its header) says whether
 * records follow.
 *
 * <p>What is found is counted, reported and kept by {@link DamageNotes}. An index is a record's
 * number in its cycle file, from 0.
 */
final class Damage {
    private static final String NO_RECORD = "no readable record where the file holds one (a damaged header)";
    private static final String NO_END = "its end marker is unreadable";
    private static final long LIVE_CHECK_NANOS = 1_000_000_000L;

    private final SingleChronicleQueue queue;
    private final RollCycle rollCycle;
    private final DamageNotes notes;
    private final long spacingMask;
    /**
     * Tailers of their own (moving them does not move the reader): one that counts a cycle's
     * records, one that finds where a record is. Apart, as counting leaves a tailer without its
     * cycle file, which {@code toStart} does not take again.
     */
    private ExcerptTailer counter;
    private ExcerptTailer finder;
    private long checkedNanos = System.nanoTime() - LIVE_CHECK_NANOS;
    private int checkedCycle = -1;
    private long checkedCount;
    /** First index of unreadable records that nothing readable follows yet; -1 if none. */
    private long stuckAt = -1;
    /** Sequence number (in the cycle of {@link #stuckAt}) up to which they are counted. */
    private long stuckCounted;

    /**
     * @param notes where what is found is counted, reported and noted
     */
    Damage(SingleChronicleQueue queue, DamageNotes notes) {
        this.queue = queue;
        this.rollCycle = queue.rollCycle();
        this.notes = notes;
        this.spacingMask = Long.highestOneBit(Math.max(1, queue.indexSpacing())) - 1;
    }

    /**
     * The tailer found no record at {@code index}: true if the cycle file says one is there (or
     * a later cycle file exists), so that this is damage rather than the end, once a second
     * read finds nothing either. A live writer is looked at once a second (its end moves), an
     * ended one every time (this decides whether its queue has been read to the end).
     */
    boolean holdsRecordAt(long index, boolean ended, long nowNanos) {
        final int cycle = rollCycle.toCycle(index);
        final long seq = rollCycle.toSequenceNumber(index);
        if (stuckAt >= 0) {
            return false;
        }
        if (cycle == checkedCycle && seq < checkedCount) {
            return true;
        }
        if (!ended && nowNanos - checkedNanos < LIVE_CHECK_NANOS) {
            return false;
        }
        checkedNanos = nowNanos;
        checkedCycle = cycle;
        checkedCount = count(cycle);
        return seq < checkedCount || nextCycle(cycle) >= 0;
    }

    /** True if reading is stuck after unreadable records with nothing readable after them yet. */
    boolean stuck() {
        return stuckAt >= 0;
    }

    /**
     * While {@link #stuck()}: looks again (once a second for a live writer, else every time)
     * whether the writer has since appended records the index can reach, or a later cycle file;
     * true if the tailer was moved there.
     */
    boolean retry(ExcerptTailer tailer, boolean ended, long nowNanos) {
        if (!ended && nowNanos - checkedNanos < LIVE_CHECK_NANOS) {
            return false;
        }
        checkedNanos = nowNanos;
        final long from = stuckAt;
        final int cycle = rollCycle.toCycle(from);
        final long count = count(cycle);
        if (count <= stuckCounted && nextCycle(cycle) < 0) {
            return false;
        }
        stuckAt = -1;
        return skipFrom(tailer, from, stuckCounted, stuckCounted, count, null);
    }

    /**
     * The record at {@code index} cannot be read ({@code failure} says why, or null when the
     * tailer found none where the file holds one): moves the tailer to the next record it can
     * reach, counts and reports what lies between, and returns true; false if nothing
     * readable follows (yet), the records up to the file's end counted.
     */
    boolean skip(ExcerptTailer tailer, long index, RuntimeException failure) {
        final long seq = rollCycle.toSequenceNumber(index);
        final long count = count(rollCycle.toCycle(index));
        final String problem = "record index=" + seq + " unreadable ("
                + (failure != null ? DamageNotes.describe(failure) : seq < count ? NO_RECORD : NO_END) + ")";
        return skipFrom(tailer, index, seq, failure != null ? seq + 1 : seq, count, problem);
    }

    /**
     * Moves the tailer to the first record after {@code index} that the index reaches, else to
     * the next cycle file; the records from sequence {@code counted} up to there (at least up to
     * {@code atLeast}) are counted as unreadable. With a null {@code problem}, records after
     * ones already reported: nothing is said unless some were skipped.
     */
    private boolean skipFrom(ExcerptTailer tailer, long index, long counted, long atLeast, long count, String problem) {
        final int cycle = rollCycle.toCycle(index);
        final long seq = rollCycle.toSequenceNumber(index);
        final long indexed = (seq | spacingMask) + 1;
        final long bound = indexed < count ? positionOf(rollCycle.toIndex(cycle, indexed)) : -1;
        for (long s = seq + 1; s < count; s++) {
            if (reaches(tailer, rollCycle.toIndex(cycle, s), bound)) {
                notes.found(fileName(cycle), counted, Math.max(0, s - counted), problem, "reading on at index=" + s);
                return true;
            }
        }
        final long lost = Math.max(0, Math.max(count, atLeast) - counted);
        final int next = nextCycle(cycle);
        if (next >= 0 && startOf(tailer, next)) {
            notes.found(fileName(cycle), counted, lost, problem, "reading on in " + fileName(next));
            return true;
        }
        notes.found(fileName(cycle), counted, lost, problem, "nothing readable after it");
        stuckAt = index;
        stuckCounted = counted + lost;
        return false;
    }

    /**
     * True if the tailer's count of records can be checked at {@code index}: the index holds
     * the position of every {@code indexSpacing}-th record.
     */
    boolean checkable(long index) {
        final long seq = rollCycle.toSequenceNumber(index);
        return (seq & spacingMask) == 0 && seq > 0;
    }

    /**
     * Checks that the record the tailer read as {@code index}, at {@code position} (where its
     * bytes start), is the one the index knows by that number: a record header damaged so that
     * it reads as metadata is passed over silently by the tailer, which then numbers every
     * later record one too low. Returns -1 if it is the same record (or the index cannot
     * tell); else the index the record really has (the tailer is to be moved there, and the
     * record read again), the records passed over counted and reported.
     */
    long misnumbered(long index, long position) {
        final long at = positionOf(index);
        if (at < 0 || at == position) {
            return -1;
        }
        final int cycle = rollCycle.toCycle(index);
        final long seq = rollCycle.toSequenceNumber(index);
        final long step = at < position ? 1 : -1;
        for (long d = 1; d <= spacingMask + 1; d++) {
            final long p = positionOf(index + step * d);
            if (p == position) {
                if (step > 0) {
                    notes.found(fileName(cycle), seq, d, "records before index=" + (seq + d) + " were passed over as not"
                            + " records (damaged headers)", "reading on at index=" + (seq + d));
                } else {
                    notes.damagedWithoutLoss(fileName(cycle), "record index=" + seq + " was numbered " + d
                            + " too high by reading (damaged headers); reading on at index=" + (seq - d));
                }
                return index + step * d;
            }
            if (p < 0 || (p - position) * step > 0) {
                break;
            }
        }
        notes.found(fileName(cycle), seq, 0, "record index=" + seq + " is another one by the index (damaged headers)",
                "reading on at index=" + seq + " as the index has it");
        return index;
    }

    /** Where the bytes of record {@code index} start, as the index finds it; -1 if it cannot. */
    private long positionOf(long index) {
        try {
            if (finder == null) {
                finder = queue.createTailer();
            }
            if (!moveTo(finder, index)) {
                return -1;
            }
            try (DocumentContext dc = finder.readingDocument()) {
                return dc.isPresent() && dc.index() == index ? dc.wire().bytes().readPosition() : -1;
            }
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * Moves the tailer to {@code index} if a record is there: false if the index cannot reach it,
     * or reaches a place where no record can be read (an indexed record's header zeroed, say),
     * or where what reads as a record cannot be one: it does not start with a record kind, or it
     * lies after {@code bound}, the position of the next record the index holds (a damaged
     * length made Chronicle's scan from the last indexed record jump into other records' bytes).
     */
    private static boolean reaches(ExcerptTailer tailer, long index, long bound) {
        try {
            if (!moveTo(tailer, index)) {
                return false;
            }
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent() || dc.index() != index) {
                    return false;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                final long at = bytes.readPosition();
                if (bound >= 0 && at > bound || bytes.readRemaining() < 1 || !isKind(bytes.readByte(at))) {
                    return false;
                }
            }
            return moveTo(tailer, index); // to read it again
        } catch (RuntimeException e) { // damage on the way
            return false;
        }
    }

    /**
     * {@link ExcerptTailer#moveToIndex}, by the index: a tailer that moved to an index less than
     * 70 before scans on from there rather than from the indexed record before the target, and
     * after damage that place can be in other records' bytes; moving it to the start first
     * forgets it.
     */
    static boolean moveTo(ExcerptTailer tailer, long index) {
        tailer.toStart();
        return tailer.moveToIndex(index);
    }

    private static boolean isKind(byte b) {
        return b == RecordLayout.KIND_LOG || b == RecordLayout.KIND_LOG_V1 || b == RecordLayout.KIND_HEARTBEAT
                || b == RecordLayout.KIND_HELLO || b == RecordLayout.KIND_GOODBYE;
    }

    /** Moves the tailer to the start of {@code cycle}; false if it cannot. */
    private static boolean startOf(ExcerptTailer tailer, int cycle) {
        try {
            return tailer.moveToCycle(cycle);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Records in {@code cycle} as its file's header says, or 0 if it cannot be read. */
    private long count(int cycle) {
        try {
            if (counter == null) {
                counter = queue.createTailer();
            }
            return Math.max(0, counter.excerptsInCycle(cycle));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * The cycle after {@code cycle} that has a file with a complete header, or -1. A file
     * without one holds no record (see {@link QueueInspection#complete}): it is not a place
     * records were skipped to, and the queue ends before it unless its writer completes it.
     */
    private int nextCycle(int cycle) {
        try { // (Chronicle waits 200 ms for a cycle outside the files it lists)
            final int next = cycle >= queue.firstCycle() && cycle < queue.lastCycle()
                    ? queue.nextCycle(cycle, TailerDirection.FORWARD) : -1;
            return next >= 0 && QueueInspection.complete(queue.file().toPath().resolve(fileName(next))) ? next : -1;
        } catch (ParseException | RuntimeException e) {
            return -1;
        }
    }

    private String fileName(int cycle) {
        return Queues.cycleName(rollCycle, cycle) + Queues.CYCLE_SUFFIX;
    }

    /** Name of the cycle file that holds {@code index}. */
    static String fileName(RollCycle rollCycle, long index) {
        return Queues.cycleName(rollCycle, rollCycle.toCycle(index)) + Queues.CYCLE_SUFFIX;
    }

    /** Closes its own tailers. */
    void close() {
        if (counter != null) {
            counter.close();
            counter = null;
        }
        if (finder != null) {
            finder.close();
            finder = null;
        }
    }
}
