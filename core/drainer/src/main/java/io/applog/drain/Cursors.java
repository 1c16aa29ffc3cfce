package io.applog.drain;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each of several drainers of one queue dir stands, in one process: {@code applog ship
 * --logfile} drains the queues into a topic and into a file, each at its own pace (the file stays
 * current while the broker is away), each with its own checkpoint. A writer queue's files are
 * shared, so what may be deleted is what every drainer has checkpointed: a cycle file once all
 * have saved an index past it, the writer's directory once all have written it to the end.
 *
 * <p>A lone drainer has {@link #alone()}: it deletes by its own checkpoint, as always. Thread-safe:
 * each drainer of a group runs in its own thread.
 */
public final class Cursors {
    /** What a drainer does with a writer queue it has written to the end and checkpointed. */
    enum Finish {
        /** Keep it (still open, nothing more to read): another drainer has not finished it yet. */
        WAIT,
        /** Every drainer has: remove the directory, then say {@link #deleted}. */
        DELETE,
        /** Another drainer removed the directory: forget it without touching anything. */
        GONE
    }

    private static final Cursors ALONE = new Cursors(1);

    private final int count;
    private final Map<String, Writer> writers = new HashMap<>();

    private Cursors(int count) {
        this.count = count;
    }

    /** The cursors of a lone drainer: what it has checkpointed is all that counts. */
    public static Cursors alone() {
        return ALONE;
    }

    /** Cursors for {@code count} drainers of one queue dir, numbered from 0. */
    public static Cursors of(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count=" + count + " (expected >= 1)");
        }
        return new Cursors(count);
    }

    /**
     * The index up to which every drainer has checkpointed {@code writer}, given that
     * {@code cursor} has up to {@code lastIndex}; -1 if one has nothing of it yet.
     */
    synchronized long savedByAll(int cursor, String writer, long lastIndex) {
        if (count == 1) {
            return lastIndex;
        }
        Writer w = writer(writer);
        w.saved[cursor] = lastIndex;
        long least = Long.MAX_VALUE;
        for (long index : w.saved) {
            least = Math.min(least, index);
        }
        return least;
    }

    /** Drainer {@code cursor} has written {@code writer} to its end and checkpointed it. */
    synchronized Finish finish(int cursor, String writer) {
        if (count == 1) {
            return Finish.DELETE;
        }
        Writer w = writer(writer);
        if (w.gone) {
            if (++w.forgotten == count - 1) {
                writers.remove(writer);
            }
            return Finish.GONE;
        }
        w.finished[cursor] = true;
        if (w.deleting) {
            return Finish.WAIT;
        }
        for (boolean f : w.finished) {
            if (!f) {
                return Finish.WAIT;
            }
        }
        w.deleting = true;
        return Finish.DELETE;
    }

    /** The drainer told to {@link Finish#DELETE} {@code writer} has (or has set it aside). */
    synchronized void deleted(String writer) {
        if (count > 1) {
            writer(writer).gone = true;
        }
    }

    private Writer writer(String name) {
        return writers.computeIfAbsent(name, n -> new Writer(count));
    }

    /** One writer queue as the group sees it. */
    private static final class Writer {
        final long[] saved;
        final boolean[] finished;
        boolean deleting;
        boolean gone;
        int forgotten;

        Writer(int count) {
            saved = new long[count];
            Arrays.fill(saved, -1);
            finished = new boolean[count];
        }
    }
}
